// Twilio: X-Twilio-Signature: base64(HMAC-SHA1(auth token, URL + sorted form params as
// name+value)). JSON bodies: the URL carries ?bodySHA256=hex(sha256(body)) and the params are empty.
// SDK: twilio (getExpectedTwilioSignature signs; validateRequest / validateRequestWithBody verify).
// The body is not signed for form requests, so the body_modified matrix does not apply.

import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import {
    T, sdk, signDescribe, rawRequest, verify, sign, expectVerdict, expectHazard, expectNoHazard, expectNoHazards,
    expectSdkAccepts, sampleEvent, compact,
} from './lib/hookbench.mjs';
import { commonVerifyTests, replaceHeader } from './lib/suite.mjs';

const { default: twilio } = await sdk('twilio');

const TOKEN = 'b1f6c0a2d94e4e8f9a7c3d2e1f0a9b8c';
const OTHER = '0123456789abcdef0123456789abcdef';
const HOST = 'hooks.example.com';
const PATH = '/twilio/sms';
const URL_HTTPS = `https://${HOST}${PATH}`;
const FORM = new URLSearchParams({
    ToCountry: 'US', ToState: 'CA', SmsMessageSid: 'SM9f5e5e3f4d2a4b6c8d0e1f2a3b4c5d6e',
    NumMedia: '0', Body: 'Grüße aus Köln – see https://example.com/a/b', FromCountry: 'DE',
    From: '+4922112345678', To: '+14155550100', AccountSid: 'AC0123456789abcdef0123456789abcdef',
    MessageSid: 'SM9f5e5e3f4d2a4b6c8d0e1f2a3b4c5d6e', ApiVersion: '2010-04-01',
}).toString();

const params = (body) => Object.fromEntries(new URLSearchParams(Buffer.from(body).toString('utf8')));

function twilioRequest({ target = PATH, signature, body, contentType = 'application/x-www-form-urlencoded' }) {
    return rawRequest({
        target,
        host: HOST,
        headers: [
            ['User-Agent', 'TwilioProxy/1.1'],
            ['Content-Type', contentType],
            ['I-Twilio-Idempotency-Token', '6b5b8d1a-2f4e-4a43-9d3c-0b2c7b3e9f11'],
            ['X-Home-Region', 'us1'],
            ...(signature === null ? [] : [['X-Twilio-Signature', signature]]),
        ],
        body,
    });
}

const adapter = {
    provider: 'twilio',
    secret: TOKEN,
    otherSecret: OTHER,
    body: FORM,
    hmac: true,
    bodyHazards: false,
    bodyNotUtf8: false,
    signatureHeaders: ['X-Twilio-Signature'],
    verifyOptions: { url: URL_HTTPS },
    request({ signedBody, deliveredBody = signedBody, secret = TOKEN, url = URL_HTTPS }) {
        return twilioRequest({
            signature: twilio.getExpectedTwilioSignature(secret, url, params(signedBody)),
            body: deliveredBody,
        });
    },
    sdkVerify({ req, secret, url }) {
        const sig = req.headers['x-twilio-signature'];
        return twilio.validateRequest(secret, sig, url ?? `http://${req.headers.host}${req.target}`, params(req.body));
    },
};

commonVerifyTests(adapter);

const run = (request, secrets, extra = {}) => verify({ provider: 'twilio', secrets, request, ...extra });

describe('twilio: URLs', () => {
    test('url_mismatch: signed for https://, verified with --url http://', () => {
        const raw = adapter.request({ signedBody: FORM });
        const r = run(raw, [TOKEN], { url: `http://${HOST}${PATH}` });
        expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
        expectHazard(r, 'url_mismatch', { url: URL_HTTPS });
        if (twilio.validateRequest(TOKEN, twilio.getExpectedTwilioSignature(TOKEN, URL_HTTPS, params(FORM)),
            `http://${HOST}${PATH}`, params(FORM))) throw new Error('the SDK accepts http:// for https://');
    });

    test('url_mismatch: signed for https://, no --url (rebuilt from Host as http://)', () => {
        const r = run(adapter.request({ signedBody: FORM }), [TOKEN], { url: undefined });
        expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
        expectHazard(r, 'url_mismatch', { url: URL_HTTPS });
    });

    test('signed for http://HOST/PATH, verified without --url: ok, no url_mismatch', () => {
        const url = `http://${HOST}${PATH}`;
        const raw = adapter.request({ signedBody: FORM, url });
        const r = run(raw, [TOKEN], { url: undefined });
        expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
        expectNoHazards(r);
    });

    test('no url_mismatch hazard when only the token is wrong', () => {
        const r = run(adapter.request({ signedBody: FORM }), [OTHER], { url: URL_HTTPS });
        expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
        expectNoHazard(r, 'url_mismatch');
    });

    test('--url with the default port :443: the SDK tries with and without the port, so ok', () => {
        const raw = adapter.request({ signedBody: FORM });
        const sig = twilio.getExpectedTwilioSignature(TOKEN, URL_HTTPS, params(FORM));
        if (!twilio.validateRequest(TOKEN, sig, `https://${HOST}:443${PATH}`, params(FORM))) {
            throw new Error('SDK precondition');
        }
        const r = run(raw, [TOKEN], { url: `https://${HOST}:443${PATH}` });
        expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
    });

    test('malformed_signature_header: X-Twilio-Signature is not base64', () => {
        const raw = replaceHeader(adapter.request({ signedBody: FORM }), 'X-Twilio-Signature', '%%% not base64 %%%');
        const r = run(raw, [TOKEN], { url: URL_HTTPS });
        expectVerdict(r, { valid: false, reason: 'malformed_signature_header' });
    });
});

describe('twilio: JSON bodies (bodySHA256)', () => {
    const json = compact(sampleEvent());
    const hash = createHash('sha256').update(json).digest('hex');
    const target = `/twilio/status?bodySHA256=${hash}`;
    const url = `https://${HOST}${target}`;
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, null);

    test('SDK-signed JSON request: ok', () => {
        if (!twilio.validateRequestWithBody(TOKEN, signature, url, json)) throw new Error('SDK precondition');
        const r = run(twilioRequest({ target, signature, body: json, contentType: 'application/json' }), [TOKEN], { url });
        expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
        expectNoHazards(r);
    });

    test('body changed after signing: invalid (the SDK rejects it too)', () => {
        const changed = json.replace('1250', '9999');
        if (twilio.validateRequestWithBody(TOKEN, signature, url, changed)) throw new Error('SDK precondition');
        const r = run(twilioRequest({ target, signature, body: changed, contentType: 'application/json' }), [TOKEN], { url });
        expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
    });
});

signDescribe('twilio: hookbench signs, the SDK verifies', () => {
    test('form body: sign --url https://… passes twilio.validateRequest', async () => {
        const r = sign({ provider: 'twilio', secret: TOKEN, at: T, url: URL_HTTPS, body: FORM,
            headers: ['Content-Type: application/x-www-form-urlencoded'] });
        const { headers, body, target } = r.parsed;
        if (target !== PATH || headers.host !== HOST) {
            throw new Error(`expected target ${PATH} and Host ${HOST} from --url, got ${target} and ${headers.host}`);
        }
        await expectSdkAccepts(r, 'twilio.validateRequest', () => twilio.validateRequest(TOKEN,
            headers['x-twilio-signature'] ?? '', URL_HTTPS, params(body)));
    });

    test('JSON body: sign adds ?bodySHA256= and passes twilio.validateRequestWithBody', async () => {
        const json = compact(sampleEvent());
        const r = sign({ provider: 'twilio', secret: TOKEN, at: T, url: `https://${HOST}/twilio/status`, body: json });
        const { headers, body, target } = r.parsed;
        if (!target.includes('bodySHA256=')) throw new Error(`the request target should carry bodySHA256: ${target}`);
        await expectSdkAccepts(r, 'twilio.validateRequestWithBody', () => twilio.validateRequestWithBody(TOKEN,
            headers['x-twilio-signature'] ?? '', `https://${headers.host}${target}`, body.toString('utf8')));
    });
});
