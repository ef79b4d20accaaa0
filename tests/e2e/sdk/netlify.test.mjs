// Netlify deploy notifications: X-Webhook-Signature is a JWS (HS256) made with the notification's
// JWS secret; its claims are iss "netlify" and sha256, the hex SHA-256 of the raw body. Netlify's
// docs verify it with jsonwebtoken: jwt.verify(signature, secret, { issuer: 'netlify',
// algorithms: ['HS256'] }), then compare the claim with the body's hash. That is the SDK check
// here (both directions).

import { createHash, createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
    sdk, signDescribe, rawRequest, verify, sign, expectVerdict, expectNoHazards, expectSdkAccepts, expectSdkRejects,
    compact, pretty,
} from './lib/hookbench.mjs';

const { default: jwt } = await sdk('jsonwebtoken');

const SECRET = 'netlify-jws-secret-Q7d2Lm9x';
const OTHER = 'netlify-jws-secret-other-3Kf8';
const EVENT = {
    id: '6553c3b7f1a1b20008f6c2b1', site_id: 'b1c2d3e4', state: 'ready', name: 'zoë-café',
    deploy_ssl_url: 'https://6553c3b7--zoe-cafe.netlify.app', branch: 'main', context: 'production',
};
const BODY = compact(EVENT);

const sha256 = (body) => createHash('sha256').update(body).digest('hex');
const token = (body, secret = SECRET, claims = {}) => jwt.sign({ iss: 'netlify', sha256: sha256(body), ...claims },
    secret, { algorithm: 'HS256', noTimestamp: true });

function netlifyRequest(signature, body) {
    return rawRequest({
        target: '/webhooks/netlify',
        headers: [
            ['User-Agent', 'Netlify'],
            ['Content-Type', 'application/json'],
            ...(signature === null ? [] : [['X-Webhook-Signature', signature]]),
        ],
        body,
    });
}

// Netlify's documented check.
function sdkVerify(signature, body, secret) {
    const claims = jwt.verify(signature, secret, { issuer: 'netlify', algorithms: ['HS256'] });
    return claims.sha256 === sha256(body);
}

describe('netlify: the SDK signs, hookbench verifies', () => {
    for (const [label, body] of [['compact', BODY], ['pretty-printed non-ASCII', pretty(EVENT)]]) {
        test(`valid (${label})`, async () => {
            const sig = token(body);
            await expectSdkAccepts({ command: 'jsonwebtoken' }, 'jwt.verify', () => sdkVerify(sig, body, SECRET));
            const r = verify({ provider: 'netlify', secrets: [SECRET], request: netlifyRequest(sig, body) });
            expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0, provider: 'netlify' });
            expectNoHazards(r);
        });
    }

    test('wrong secret: signature_mismatch, and the SDK agrees', async () => {
        const sig = token(BODY, OTHER);
        await expectSdkRejects('jwt.verify', () => sdkVerify(sig, BODY, SECRET));
        const r = verify({ provider: 'netlify', secrets: [SECRET], request: netlifyRequest(sig, BODY) });
        const v = expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
        if (r.selfcheck) return;
        if (!v.remaining?.some((x) => x.code === 'secret_not_here')) throw new Error(`no secret_not_here: ${JSON.stringify(v)}`);
    });

    test('body changed after signing: the JWS verifies, the hash does not', async () => {
        const sig = token(BODY);
        const changed = BODY.replace('ready', 'error');
        await expectSdkRejects('sha256 claim', () => sdkVerify(sig, changed, SECRET));
        const r = verify({ provider: 'netlify', secrets: [SECRET], request: netlifyRequest(sig, changed) });
        const v = expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
        if (r.selfcheck) return;
        if (!/JWS verifies with secret #0, but the body's SHA-256/.test(v.message)) throw new Error(v.message);
        if (v.remaining?.some((x) => x.code === 'secret_not_here')) throw new Error('secret_not_here on a right secret');
    });

    test('alg none is refused (jsonwebtoken refuses it too)', async () => {
        const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const sig = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'netlify', sha256: sha256(BODY) })}.`;
        await expectSdkRejects('jwt.verify', () => sdkVerify(sig, BODY, SECRET));
        const r = verify({ provider: 'netlify', secrets: [SECRET], request: netlifyRequest(sig, BODY) });
        expectVerdict(r, { valid: false, reason: 'malformed_signature_header' });
    });

    test('HS512 is refused even with the right secret', async () => {
        const sig = jwt.sign({ iss: 'netlify', sha256: sha256(BODY) }, SECRET, { algorithm: 'HS512' });
        const r = verify({ provider: 'netlify', secrets: [SECRET], request: netlifyRequest(sig, BODY) });
        expectVerdict(r, { valid: false, reason: 'malformed_signature_header' });
    });

    test('another issuer: signature_mismatch (jsonwebtoken: jwt issuer invalid)', async () => {
        const sig = token(BODY, SECRET, { iss: 'vercel' });
        await expectSdkRejects('jwt.verify', () => sdkVerify(sig, BODY, SECRET));
        const r = verify({ provider: 'netlify', secrets: [SECRET], request: netlifyRequest(sig, BODY) });
        expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
    });

    test('a hand-made HS256 token (node crypto) verifies', () => {
        const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss: 'netlify', sha256: sha256(BODY) })}`;
        const sig = `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
        const r = verify({ provider: 'netlify', secrets: [SECRET], request: netlifyRequest(sig, BODY) });
        expectVerdict(r, { valid: true, reason: 'ok' });
    });
});

signDescribe('netlify: hookbench signs, the SDK verifies', () => {
    for (const [label, body] of [['compact', BODY], ['pretty-printed non-ASCII', pretty(EVENT)]]) {
        test(`sign output (${label}) passes jwt.verify and the body hash`, async () => {
            const r = sign({ provider: 'netlify', secret: SECRET, body });
            await expectSdkAccepts(r, 'jwt.verify', () => sdkVerify(r.parsed.headers['x-webhook-signature'],
                r.parsed.body, SECRET));
        });
    }

    test('sign --break wrong-secret is rejected by the SDK', async () => {
        const r = sign({ provider: 'netlify', secret: SECRET, body: BODY, extra: ['--break', 'wrong-secret'] });
        await expectSdkRejects('jwt.verify', () => sdkVerify(r.parsed.headers['x-webhook-signature'],
            r.parsed.body, SECRET));
    });
});
