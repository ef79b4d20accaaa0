// Square: x-square-hmacsha256-signature: base64(HMAC-SHA256(signature key, notification URL + body)).
// SDK: square (WebhooksHelper.verifySignature). It has no signing function: requests are signed
// here with the documented scheme (node's crypto). No timestamp.

import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
    T, sdk, signDescribe, rawRequest, verify, sign, expectVerdict, expectHazard, expectNoHazard, expectSdkAccepts,
    compact, sampleEvent,
} from './lib/hookbench.mjs';
import { commonVerifyTests, replaceHeader } from './lib/suite.mjs';

const { WebhooksHelper } = await sdk('square');

const KEY = 'qQl5m8zN0xWv3rTt7yUe2Bg9Hk4Jd6Fa';
const OTHER = 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe';
const HOST = 'hooks.example.com';
const PATH = '/webhooks/square';
const URL_HTTPS = `https://${HOST}${PATH}`;
const EVENT = {
    merchant_id: '6SSW7HV8K2ST5',
    type: 'payment.updated',
    event_id: '13b867cf-db3d-4b1c-90b6-2f32a9d78124',
    created_at: '2025-11-22T03:19:57.000Z',
    data: { type: 'payment', id: 'KkAkhdMsgzn59SM8A89WgKwekxLZY',
        object: { payment: { note: 'Café – 10 €', receipt_url: 'https://squareup.com/receipt/preview/KkAk', amount_money: { amount: 1000, currency: 'EUR' } } } },
};
const BODY = compact(EVENT);

const squareSig = (key, url, body) => createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(url), Buffer.from(body)])).digest('base64');

function squareRequest(signature, body) {
    return rawRequest({
        target: PATH,
        host: HOST,
        headers: [
            ['User-Agent', 'Square Connect v2'],
            ['Content-Type', 'application/json'],
            ['Square-Version', '2025-10-16'],
            ['Square-Environment', 'Sandbox'],
            ['Square-Retry-Number', '0'],
            ...(signature === null ? [] : [['X-Square-Hmacsha256-Signature', signature]]),
        ],
        body,
    });
}

const adapter = {
    provider: 'square',
    secret: KEY,
    otherSecret: OTHER,
    body: BODY,
    event: { ...EVENT, data: sampleEvent().data },
    hmac: true,
    signatureHeaders: ['X-Square-Hmacsha256-Signature', 'X-Square-Signature'],
    verifyOptions: { url: URL_HTTPS },
    request({ signedBody, deliveredBody = signedBody, secret = KEY, url = URL_HTTPS }) {
        return squareRequest(squareSig(secret, url, signedBody), deliveredBody);
    },
    sdkVerify({ req, secret, url }) {
        return WebhooksHelper.verifySignature({
            requestBody: req.body.toString('utf8'),
            signatureHeader: req.headers['x-square-hmacsha256-signature'],
            signatureKey: secret,
            notificationUrl: url ?? `http://${req.headers.host}${req.target}`,
        });
    },
};

commonVerifyTests(adapter);

const run = (request, secrets, extra = {}) => verify({ provider: 'square', secrets, request, ...extra });

describe('square: URLs and header forms', () => {
    test('url_mismatch: signed for https://, verified with --url http://', async () => {
        const r = run(adapter.request({ signedBody: BODY }), [KEY], { url: `http://${HOST}${PATH}` });
        expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
        expectHazard(r, 'url_mismatch', { url: URL_HTTPS });
        if (await WebhooksHelper.verifySignature({ requestBody: BODY, signatureHeader: squareSig(KEY, URL_HTTPS, BODY),
            signatureKey: KEY, notificationUrl: `http://${HOST}${PATH}` })) throw new Error('SDK accepts http://');
    });

    test('url_mismatch: signed for https://, no --url (rebuilt from Host as http://)', () => {
        const r = run(adapter.request({ signedBody: BODY }), [KEY], { url: undefined });
        expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
        expectHazard(r, 'url_mismatch', { url: URL_HTTPS });
    });

    test('url_mismatch: signed with a trailing slash', () => {
        const raw = adapter.request({ signedBody: BODY, url: `${URL_HTTPS}/` });
        const r = run(raw, [KEY], { url: URL_HTTPS });
        expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
        expectHazard(r, 'url_mismatch', { url: `${URL_HTTPS}/` });
    });

    test('no url_mismatch hazard when only the key is wrong', () => {
        const r = run(adapter.request({ signedBody: BODY }), [OTHER], { url: URL_HTTPS });
        expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
        expectNoHazard(r, 'url_mismatch');
    });

    test('malformed_signature_header: not base64', () => {
        const raw = replaceHeader(adapter.request({ signedBody: BODY }), 'X-Square-Hmacsha256-Signature', '***');
        const r = run(raw, [KEY], { url: URL_HTTPS });
        expectVerdict(r, { valid: false, reason: 'malformed_signature_header' });
    });
});

signDescribe('square: hookbench signs, the SDK verifies', () => {
    test('sign --url https://… passes WebhooksHelper.verifySignature', async () => {
        const r = sign({ provider: 'square', secret: KEY, at: T, url: URL_HTTPS, body: BODY });
        const { headers, body } = r.parsed;
        await expectSdkAccepts(r, 'square WebhooksHelper.verifySignature', () => WebhooksHelper.verifySignature({
            requestBody: body.toString('utf8'), signatureHeader: headers['x-square-hmacsha256-signature'] ?? '',
            signatureKey: KEY, notificationUrl: URL_HTTPS }));
    });
});
