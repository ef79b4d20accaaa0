// SendGrid Event Webhook: X-Twilio-Email-Event-Webhook-Signature: base64(DER ECDSA P-256 SHA-256
// signature of timestamp + body), X-Twilio-Email-Event-Webhook-Timestamp. Hookbench's "secret" is
// the verification key as SendGrid shows it (base64 of the DER SubjectPublicKeyInfo).
// SDK: @sendgrid/eventwebhook EventWebhook.verifySignature. It has no signing function: requests
// are signed here with node's crypto (a key pair generated per run).

import { generateKeyPairSync, sign as ecSign } from 'node:crypto';
import { describe, test } from 'node:test';
import {
    T, sdk, signDescribe, rawRequest, verify, runCli, tmpFile, parseRawRequest, expectVerdict, expectSdkAccepts, report,
    compact, SELFCHECK,
} from './lib/hookbench.mjs';
import { commonVerifyTests, removeHeaders, replaceHeader } from './lib/suite.mjs';

const { default: eventwebhook } = await sdk('@sendgrid/eventwebhook');
const { EventWebhook, EventWebhookHeader } = eventwebhook;
const ew = new EventWebhook();

const keyPair = () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    return {
        privateKey,
        publicB64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
        privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }),
    };
};
const KEY = keyPair();
const OTHER = keyPair();

const BODY = compact([
    { email: 'zoë@example.com', timestamp: T - 5, event: 'delivered', sg_event_id: 'ZGVsaXZlcmVkLTAtMjQ',
        sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0', response: '250 OK' },
    { email: 'zoë@example.com', timestamp: T - 2, event: 'click', url: 'https://example.com/café?a=1/2',
        sg_event_id: 'Y2xpY2stMS0yNA', useragent: 'Mozilla/5.0' },
]);

const ecB64 = (key, at, body) => ecSign('sha256', Buffer.concat([Buffer.from(String(at)), Buffer.from(body)]), key)
    .toString('base64');

function sendgridRequest(headers, body) {
    return rawRequest({
        target: '/webhooks/sendgrid',
        headers: [['User-Agent', 'SendGrid Event API'], ['Content-Type', 'application/json; charset=utf-8'], ...headers],
        body,
    });
}

const adapter = {
    provider: 'sendgrid',
    secret: KEY.publicB64,
    otherSecret: OTHER.publicB64,
    body: BODY,
    hmac: false,
    signatureHeaders: [EventWebhookHeader.SIGNATURE()],
    request({ signedBody, deliveredBody = signedBody, at = T, key = KEY.privateKey }) {
        return sendgridRequest([[EventWebhookHeader.SIGNATURE(), ecB64(key, at, signedBody)],
            [EventWebhookHeader.TIMESTAMP(), String(at)]], deliveredBody);
    },
    sdkVerify({ req, secret }) {
        return ew.verifySignature(ew.convertPublicKeyToECDSA(secret), req.body.toString('utf8'),
            req.headers['x-twilio-email-event-webhook-signature'] ?? '',
            req.headers['x-twilio-email-event-webhook-timestamp'] ?? '');
    },
};

commonVerifyTests(adapter);

const run = (request, secrets, extra = {}) => verify({ provider: 'sendgrid', secrets, request, ...extra });

describe('sendgrid: header forms', () => {
    test('the public key as a PEM block is accepted too', () => {
        const pem = `-----BEGIN PUBLIC KEY-----\n${KEY.publicB64.match(/.{1,64}/g).join('\n')}\n-----END PUBLIC KEY-----\n`;
        const r = run(adapter.request({ signedBody: BODY }), [pem]);
        expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
    });

    test('missing_timestamp: no X-Twilio-Email-Event-Webhook-Timestamp', () => {
        const raw = removeHeaders(adapter.request({ signedBody: BODY }), [EventWebhookHeader.TIMESTAMP()]);
        const r = run(raw, [KEY.publicB64]);
        expectVerdict(r, { valid: false, reason: 'missing_timestamp' });
    });

    test('malformed_signature_header: not base64 DER', () => {
        const raw = replaceHeader(adapter.request({ signedBody: BODY }), EventWebhookHeader.SIGNATURE(), '!!not-base64!!');
        const r = run(raw, [KEY.publicB64]);
        expectVerdict(r, { valid: false, reason: 'malformed_signature_header' });
    });
});

signDescribe('sendgrid: hookbench signs, the SDK verifies', () => {
    // CONTRACT.md's `sign` does not say how the private key of a public-key scheme is given;
    // tried: PKCS#8 PEM by --secret-file, then by --secret-env.
    test('sign with the private key passes EventWebhook.verifySignature', async (t) => {
        if (SELFCHECK) return t.skip('selfcheck');
        const attempts = [
            ['--secret-file', tmpFile('sendgrid.pem', KEY.privatePem), {}],
            ['--secret-env', 'HB_SENDGRID_KEY', { HB_SENDGRID_KEY: KEY.privatePem }],
        ];
        const tried = [];
        for (const [opt, val, env] of attempts) {
            const r = runCli(['sign', '--provider', 'sendgrid', opt, val, '--at', String(T), tmpFile('b', BODY)], { env });
            r.bodyFile = Buffer.from(BODY);
            if (r.status !== 0) { tried.push(report(r, 'sign refused this private key form')); continue; }
            const p = parseRawRequest(r.stdout);
            await expectSdkAccepts(r, 'EventWebhook.verifySignature', () => ew.verifySignature(
                ew.convertPublicKeyToECDSA(KEY.publicB64), p.body.toString('utf8'),
                p.headers['x-twilio-email-event-webhook-signature'] ?? '',
                p.headers['x-twilio-email-event-webhook-timestamp'] ?? ''));
            return;
        }
        throw new Error(`sign --provider sendgrid accepts no private key form:\n${tried.join('\n')}`);
    });
});
