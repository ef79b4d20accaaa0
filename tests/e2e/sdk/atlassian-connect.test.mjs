// Atlassian Connect (Jira, Confluence) webhooks: Authorization: JWT <token>, HS256 with the
// installation's sharedSecret; qsh is the SHA-256 of the canonical request (METHOD&path below the
// app's base URL&sorted query without jwt), iat/exp bound its life. SDK: atlassian-jwt
// (encodeSymmetric, createQueryStringHash, decodeSymmetric), in both directions.

import { describe, test } from 'node:test';
import {
    T, sdk, signDescribe, rawRequest, verify, sign, expectVerdict, expectNoHazards, expectSdkAccepts, expectSdkRejects,
    compact,
} from './lib/hookbench.mjs';

const { default: ajwt } = await sdk('atlassian-jwt');

const SECRET = 'atlassian-shared-secret-4f9b1c2d7e';
const OTHER = 'atlassian-shared-secret-other-8a1f';
const BASE = 'https://app.example.com/connect';
const URL_ = `${BASE}/webhooks/jira?user_id=557058%3Aabc&issue=PRJ-1`;
const BODY = compact({ webhookEvent: 'jira:issue_updated', issue: { key: 'PRJ-1', fields: { summary: 'Zoë’s café' } } });

const qsh = (url, base) => ajwt.createQueryStringHash(ajwt.fromMethodAndUrl('POST', url), false, base);
const token = ({ secret = SECRET, iat = T, exp = T + 180, url = URL_, base = BASE } = {}) =>
    ajwt.encodeSymmetric({ iss: 'jira:5a1c', iat, exp, qsh: qsh(url, base) }, secret);

function connectRequest(authorization, url = URL_) {
    const u = new URL(url);
    return rawRequest({
        target: u.pathname + u.search,
        host: u.host,
        headers: [
            ['User-Agent', 'Atlassian Webhook HTTP Client'],
            ['Content-Type', 'application/json; charset=utf-8'],
            ['X-Atlassian-Webhook-Identifier', '1763779200123'],
            ...(authorization === null ? [] : [['Authorization', authorization]]),
        ],
        body: BODY,
    });
}

// What an app built on atlassian-jwt checks.
function sdkVerify(authorization, url, secret, at) {
    const claims = ajwt.decodeSymmetric(authorization.replace(/^JWT /, ''), secret, 'HS256');
    return claims.qsh === qsh(url, BASE) && claims.exp >= at;
}

describe('atlassian-connect: the SDK signs, hookbench verifies', () => {
    test('valid (the app base URL has a path)', async () => {
        const auth = `JWT ${token()}`;
        await expectSdkAccepts({ command: 'atlassian-jwt' }, 'decodeSymmetric', () => sdkVerify(auth, URL_, SECRET, T));
        for (const provider of ['atlassian-connect', 'auto']) {
            const r = verify({ provider, secrets: [SECRET], request: connectRequest(auth), url: URL_, at: T + 1 });
            expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0, provider: 'atlassian-connect' });
            expectNoHazards(r);
        }
    });

    test('wrong secret: signature_mismatch, and the SDK agrees', async () => {
        const auth = `JWT ${token({ secret: OTHER })}`;
        await expectSdkRejects('decodeSymmetric', () => sdkVerify(auth, URL_, SECRET, T));
        const r = verify({ provider: 'atlassian-connect', secrets: [SECRET], request: connectRequest(auth), url: URL_ });
        expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
    });

    test('another query string: the JWT verifies, the qsh does not', async () => {
        const auth = `JWT ${token()}`;
        const other = URL_.replace('PRJ-1', 'PRJ-2');
        await expectSdkRejects('qsh', () => sdkVerify(auth, other, SECRET, T));
        const r = verify({ provider: 'atlassian-connect', secrets: [SECRET], request: connectRequest(auth, other), url: other });
        const v = expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
        if (r.selfcheck) return;
        if (!/verifies with secret #0, but the token's qsh/.test(v.message)) throw new Error(v.message);
    });

    test('expired: timestamp_outside_tolerance', async () => {
        const auth = `JWT ${token()}`;
        await expectSdkRejects('exp', () => sdkVerify(auth, URL_, SECRET, T + 181));
        const r = verify({ provider: 'atlassian-connect', secrets: [SECRET], request: connectRequest(auth), url: URL_, at: T + 181 });
        expectVerdict(r, { valid: false, reason: 'timestamp_outside_tolerance', matched_secret: 0 });
    });

    test('alg none is refused', () => {
        const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const auth = `JWT ${b64({ alg: 'none' })}.${b64({ qsh: qsh(URL_, BASE), iat: T, exp: T + 180 })}.`;
        const r = verify({ provider: 'atlassian-connect', secrets: [SECRET], request: connectRequest(auth), url: URL_ });
        expectVerdict(r, { valid: false, reason: 'malformed_signature_header' });
    });
});

signDescribe('atlassian-connect: hookbench signs, the SDK verifies', () => {
    test('sign output passes decodeSymmetric and its qsh is the SDK\'s', async () => {
        const url = 'http://localhost:8787/webhooks/jira?issue=PRJ-1&user_id=a%20b';
        const r = sign({ provider: 'atlassian-connect', secret: SECRET, body: BODY, url });
        await expectSdkAccepts(r, 'decodeSymmetric + createQueryStringHash', () => {
            const claims = ajwt.decodeSymmetric(r.parsed.headers.authorization.replace(/^JWT /, ''), SECRET, 'HS256');
            return claims.qsh === ajwt.createQueryStringHash(ajwt.fromMethodAndUrl('POST', url)) && claims.exp > T;
        });
    });

    test('sign --break wrong-secret is rejected by the SDK', async () => {
        const r = sign({ provider: 'atlassian-connect', secret: SECRET, body: BODY, extra: ['--break', 'wrong-secret'] });
        await expectSdkRejects('decodeSymmetric', () => ajwt.decodeSymmetric(
            r.parsed.headers.authorization.replace(/^JWT /, ''), SECRET, 'HS256'));
    });
});
