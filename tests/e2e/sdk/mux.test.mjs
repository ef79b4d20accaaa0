// Mux: Mux-Signature: t=TIMESTAMP,v1=hex(HMAC-SHA256(signing secret, "TIMESTAMP.body")).
// SDK: @mux/mux-node. It has no signing function: requests are signed here with the documented
// scheme (node's crypto) and checked with mux.webhooks.verifySignature / unwrap (which read
// Date.now(), frozen with atClock()). Its tolerance: 300 s, past only.

import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
    T, sdk, signDescribe, rawRequest, verify, sign, expectVerdict, expectSdkAccepts, expectSdkRejects, atClock,
    compact, pretty,
} from './lib/hookbench.mjs';
import { commonVerifyTests, timestampTests } from './lib/suite.mjs';

const { default: Mux } = await sdk('@mux/mux-node');
const mux = new Mux({ tokenId: 'hookbench-e2e', tokenSecret: 'not-a-real-token' });

const SECRET = 'mux-signing-secret-8Hq2x9Lk3Vt7';
const OTHER = 'mux-signing-secret-other-4Jd8';
const EVENT = {
    type: 'video.asset.ready',
    object: { type: 'asset', id: '0201p02fGKPE7MrbC269XRD7LpcHhrmbu0002' },
    id: '3a56ac3d-33da-4366-855b-f592d898409d',
    environment: { name: 'Production – Zoë', id: 'j0863n' },
    data: { status: 'ready', playback_ids: [{ id: 'abc', policy: 'public' }], passthrough: 'https://example.com/v/1' },
    created_at: '2025-11-22T03:19:57.000000Z',
    attempts: [],
};
const BODY = compact(EVENT);

const v1 = (secret, at, body) => createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(`${at}.`), Buffer.from(body)])).digest('hex');

function muxRequest(signature, body) {
    return rawRequest({
        target: '/webhooks/mux',
        headers: [
            ['User-Agent', 'Mux Webhooks'],
            ['Content-Type', 'application/json'],
            ...(signature === null ? [] : [['Mux-Signature', signature]]),
        ],
        body,
    });
}

const adapter = {
    provider: 'mux',
    secret: SECRET,
    otherSecret: OTHER,
    body: BODY,
    hmac: true,
    signatureHeaders: ['Mux-Signature'],
    request({ signedBody, deliveredBody = signedBody, at = T, secret = SECRET }) {
        return muxRequest(`t=${at},v1=${v1(secret, at, signedBody)}`, deliveredBody);
    },
    async sdkVerify({ req, secret, at, tolerance }) {
        if (tolerance !== undefined) return undefined; // fixed at 300 s in the SDK
        await atClock(at, () => mux.webhooks.verifySignature(req.body.toString('utf8'), req.headers, secret));
        return true;
    },
};

commonVerifyTests(adapter);
timestampTests(adapter, { tolerance: 300, bothWays: false });

describe('mux: header forms', () => {
    test('SDK sanity: unwrap accepts the scheme as signed here', async () => {
        const evt = await atClock(T, () => mux.webhooks.unwrap(BODY, { 'mux-signature': `t=${T},v1=${v1(SECRET, T, BODY)}` },
            SECRET));
        if (evt.id !== EVENT.id) throw new Error('unwrap did not return the event');
    });

    test('several v1 signatures (rotation): any one matching is enough', () => {
        const raw = muxRequest(`t=${T},v1=${v1(OTHER, T, BODY)},v1=${v1(SECRET, T, BODY)}`, BODY);
        const r = verify({ provider: 'mux', secrets: [SECRET], request: raw });
        expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
    });
});

signDescribe('mux: hookbench signs, the SDK verifies', () => {
    for (const [label, body] of [['compact', BODY], ['pretty-printed non-ASCII', pretty(EVENT)]]) {
        test(`sign output (${label}) passes mux.webhooks.unwrap`, async () => {
            const r = sign({ provider: 'mux', secret: SECRET, at: T, body });
            await expectSdkAccepts(r, 'mux.webhooks.unwrap', () => atClock(T + 10, async () => {
                const evt = await mux.webhooks.unwrap(r.parsed.body.toString('utf8'), r.parsed.headers, SECRET);
                return evt.id === EVENT.id;
            }));
        });
    }

    test('sign --break stale-timestamp is rejected by the SDK', async () => {
        const r = sign({ provider: 'mux', secret: SECRET, at: T, body: BODY, extra: ['--break', 'stale-timestamp'] });
        await expectSdkRejects('mux.webhooks.verifySignature', () => atClock(T, () => mux.webhooks.verifySignature(
            r.parsed.body.toString('utf8'), r.parsed.headers, SECRET)));
    });
});
