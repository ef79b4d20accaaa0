// GitHub: X-Hub-Signature-256: sha256=hex(HMAC-SHA256(secret, body)) (and the legacy
// X-Hub-Signature: sha1=hex(HMAC-SHA1(secret, body))). No timestamp.
// SDK: @octokit/webhooks-methods sign() (sha256 only) and verify(). The legacy sha1 header has no
// SDK signer: node's crypto signs it.

import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
    T, sdk, signDescribe, rawRequest, verify, sign, expectVerdict, expectHazard, expectNoHazard, expectNoHazards,
    expectSdkAccepts, sampleEvent, compact,
} from './lib/hookbench.mjs';
import { commonVerifyTests, removeHeaders } from './lib/suite.mjs';

const octokit = await sdk('@octokit/webhooks-methods');

const SECRET = "It's a Secret to Everybody";
const OTHER = 'another-repository-webhook-secret';
const BODY = compact({
    action: 'opened',
    number: 1347,
    pull_request: { title: 'Fix café naïveté – €', html_url: 'https://github.com/octocat/Hello-World/pull/1347' },
    repository: { full_name: 'octocat/Hello-World' },
    sender: { login: 'octocat' },
});

const hmacHex = (alg, secret, body) => createHmac(alg, secret).update(body).digest('hex');

async function sha256Header(signedBody, secret) {
    return typeof signedBody === 'string' ? octokit.sign(secret, signedBody) : `sha256=${hmacHex('sha256', secret, signedBody)}`;
}

function githubRequest(sigHeaders, body) {
    return rawRequest({
        target: '/webhooks/github',
        headers: [
            ['User-Agent', 'GitHub-Hookshot/044aadd'],
            ['Content-Type', 'application/json'],
            ['X-GitHub-Delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958'],
            ['X-GitHub-Event', 'pull_request'],
            ['X-GitHub-Hook-ID', '292430182'],
            ['X-GitHub-Hook-Installation-Target-ID', '79929171'],
            ['X-GitHub-Hook-Installation-Target-Type', 'repository'],
            ...sigHeaders,
        ],
        body,
    });
}

const adapter = {
    provider: 'github',
    secret: SECRET,
    otherSecret: OTHER,
    body: BODY,
    hmac: true,
    signatureHeaders: ['X-Hub-Signature', 'X-Hub-Signature-256'],
    async request({ signedBody, deliveredBody = signedBody, secret = SECRET }) {
        return githubRequest([
            ['X-Hub-Signature', `sha1=${hmacHex('sha1', secret, signedBody)}`],
            ['X-Hub-Signature-256', await sha256Header(signedBody, secret)],
        ], deliveredBody);
    },
    async sdkVerify({ req, secret }) {
        const sig = req.headers['x-hub-signature-256'];
        if (!sig) return false;
        return octokit.verify(secret, req.body.toString('utf8'), sig);
    },
};

commonVerifyTests(adapter);

const run = (request, secrets, extra = {}) => verify({ provider: 'github', secrets, request, ...extra });

describe('github: published vector and header forms', () => {
    test("GitHub docs vector: \"Hello, World!\" with \"It's a Secret to Everybody\"", async () => {
        const sig = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
        if (await octokit.sign(SECRET, 'Hello, World!') !== sig) throw new Error('octokit disagrees with the docs vector');
        const r = run(githubRequest([['X-Hub-Signature-256', sig]], 'Hello, World!'), [SECRET]);
        expectVerdict(r, { valid: true, reason: 'ok', provider: 'github', matched_secret: 0 });
        expectNoHazards(r);
    });

    test('legacy X-Hub-Signature (sha1) alone is verified', () => {
        const raw = githubRequest([['X-Hub-Signature', `sha1=${hmacHex('sha1', SECRET, BODY)}`]], BODY);
        const r = run(raw, [SECRET]);
        expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
    });

    test('legacy X-Hub-Signature (sha1) alone with a wrong secret: signature_mismatch', () => {
        const raw = githubRequest([['X-Hub-Signature', `sha1=${hmacHex('sha1', OTHER, BODY)}`]], BODY);
        const r = run(raw, [SECRET]);
        expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
    });

    for (const [label, value] of [
        ['not hex', 'sha256=not-a-hex-digest'],
        ['wrong prefix', `md5=${hmacHex('sha256', SECRET, BODY)}`],
        ['no prefix', hmacHex('sha256', SECRET, BODY)],
    ]) {
        test(`malformed_signature_header: X-Hub-Signature-256 ${label}`, () => {
            const r = run(githubRequest([['X-Hub-Signature-256', value]], BODY), [SECRET]);
            expectVerdict(r, { valid: false, reason: 'malformed_signature_header' });
        });
    }

    test('the signature covers raw bytes: a Latin-1 (not UTF-8) body signed as bytes is valid', () => {
        const body = Buffer.from('{"login":"Zoë"}', 'latin1');
        const raw = githubRequest([['X-Hub-Signature-256', `sha256=${hmacHex('sha256', SECRET, body)}`]], body);
        const r = run(raw, [SECRET]);
        expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
    });

    test('wrong_provider: a Stripe-signed request verified as github', async () => {
        const { default: Stripe } = await sdk('stripe');
        const header = new Stripe('sk_test_x').webhooks.generateTestHeaderString({
            payload: BODY, secret: 'whsec_abc', timestamp: T });
        const raw = rawRequest({ target: '/webhooks/github', headers: [['Content-Type', 'application/json'],
            ['Stripe-Signature', header]], body: BODY });
        const r = run(raw, [SECRET]);
        expectVerdict(r, { valid: false, reason: 'missing_signature_header' });
        expectHazard(r, 'wrong_provider', { detected: 'stripe' });
    });

    test('no wrong_provider hazard on a GitHub request without its signature headers', async () => {
        const raw = removeHeaders(await adapter.request({ signedBody: BODY }), adapter.signatureHeaders);
        const r = run(raw, [SECRET]);
        expectVerdict(r, { valid: false, reason: 'missing_signature_header' });
        expectNoHazard(r, 'wrong_provider');
    });
});

signDescribe('github: hookbench signs, the SDK verifies', () => {
    test('sign output passes @octokit/webhooks-methods verify()', async () => {
        const r = sign({ provider: 'github', secret: SECRET, at: T, body: BODY });
        const { headers, body } = r.parsed;
        await expectSdkAccepts(r, 'octokit verify', () => octokit.verify(SECRET, body.toString('utf8'),
            headers['x-hub-signature-256'] ?? ''));
        if (headers['x-hub-signature'] !== undefined
            && headers['x-hub-signature'] !== `sha1=${hmacHex('sha1', SECRET, body)}`) {
            throw new Error(`X-Hub-Signature is present but wrong: ${headers['x-hub-signature']}`);
        }
    });

    test('sign output of a pretty-printed non-ASCII body passes octokit verify()', async () => {
        const body = JSON.stringify(sampleEvent(), null, 2) + '\n';
        const r = sign({ provider: 'github', secret: SECRET, at: T, body });
        await expectSdkAccepts(r, 'octokit verify', () => octokit.verify(SECRET, r.parsed.body.toString('utf8'),
            r.parsed.headers['x-hub-signature-256'] ?? ''));
    });
});
