// The checks every provider shares, registered as node:test tests from a provider adapter:
//
//   provider        hookbench provider name
//   secret          what `verify` is given (for public-key schemes: the public key)
//   otherSecret     a well-formed secret that did not sign the request
//   request(o)      raw request bytes for o = { signedBody, deliveredBody = signedBody, at = T,
//                   signer = 'right' | 'other' }: the signature covers signedBody (string:
//                   signed by the SDK where it can; Buffer: signed with the documented scheme),
//                   the body sent is deliveredBody
//   signatureHeaders  names of the headers whose absence means missing_signature_header
//   verifyOptions   extra verify() options (e.g. { url })
//   body            the default body (string)
//   hmac            true for shared-secret schemes (secret_whitespace applies)
//   trailingNewlineHarmless  the SDK accepts the secret with a trailing "\n" (base64 secrets)
//   bodyHazards     false to skip the body transformation matrix
//   auto            provider names accepted from --provider auto (default [provider])

import { describe, test } from 'node:test';
import {
    T, verify, parseRawRequest, expectVerdict, expectHazard, expectNoHazard, expectNoHazards, bodyTransforms,
    latin1Body, sampleEvent,
} from './hookbench.mjs';

// Runs `verify` and, where the adapter can ask the SDK (a.sdkVerify), records what the official SDK
// says about the same bytes and secrets at the same time, in r.sdkValid: expectVerdict() then
// fails if the expected verdict and the SDK disagree.
async function checked(a, request, secrets, opts) {
    const r = verify({ provider: a.provider, secrets, request, ...opts });
    if (a.sdkVerify && secrets.length && opts.provider === undefined) {
        const req = parseRawRequest(request);
        let valid = false;
        for (const secret of secrets) {
            let ok;
            try {
                ok = await a.sdkVerify({ req, secret, at: opts.at ?? T, tolerance: opts.tolerance, url: opts.url });
            } catch {
                ok = false;
            }
            if (ok === undefined) return r; // the SDK cannot express this check
            if (ok) { valid = true; break; }
        }
        r.sdkValid = valid;
    }
    return r;
}

export function removeHeaders(raw, names) {
    const lower = names.map((n) => n.toLowerCase());
    const end = raw.indexOf('\r\n\r\n');
    const lines = raw.subarray(0, end).toString('latin1').split('\r\n');
    const kept = lines.filter((l, i) => i === 0 || !lower.includes(l.slice(0, l.indexOf(':')).toLowerCase()));
    return Buffer.concat([Buffer.from(kept.join('\r\n'), 'latin1'), raw.subarray(end)]);
}

export function replaceHeader(raw, name, value) {
    const end = raw.indexOf('\r\n\r\n');
    const lines = raw.subarray(0, end).toString('latin1').split('\r\n');
    let found = false;
    const out = lines.map((l, i) => {
        if (i > 0 && l.slice(0, l.indexOf(':')).toLowerCase() === name.toLowerCase()) {
            found = true;
            return `${l.slice(0, l.indexOf(':'))}: ${value}`;
        }
        return l;
    });
    if (!found) throw new Error(`no ${name} header to replace`);
    return Buffer.concat([Buffer.from(out.join('\r\n'), 'latin1'), raw.subarray(end)]);
}

export function commonVerifyTests(a) {
    const P = a.provider;
    const body = a.body ?? JSON.stringify(sampleEvent());
    const vo = a.verifyOptions ?? {};
    const run = (request, secrets, extra = {}) => checked(a, request, secrets, { ...vo, ...extra });

    describe(`${P}: SDK signs, hookbench verifies`, () => {
        test('valid request: exit 0, valid, reason ok, matched_secret 0, no hazards', async () => {
            const r = await run(await a.request({ signedBody: body }), [a.secret]);
            expectVerdict(r, { valid: true, reason: 'ok', provider: P, matched_secret: 0 });
            expectNoHazards(r);
        });

        test('--provider auto detects it', async () => {
            const r = await run(await a.request({ signedBody: body }), [a.secret], { provider: 'auto' });
            expectVerdict(r, { valid: true, reason: 'ok', provider: a.auto ?? [P], matched_secret: 0 });
            expectNoHazard(r, 'wrong_provider');
        });

        test('key rotation: the second of two secrets matches (matched_secret 1)', async () => {
            const r = await run(await a.request({ signedBody: body }), [a.otherSecret, a.secret]);
            expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 1 });
        });

        test('signature_mismatch with only a wrong secret (matched_secret null)', async () => {
            const r = await run(await a.request({ signedBody: body }), [a.otherSecret]);
            expectVerdict(r, { valid: false, reason: 'signature_mismatch', matched_secret: null });
            expectNoHazard(r, 'body_modified');
            expectNoHazard(r, 'secret_whitespace');
            expectNoHazard(r, 'wrong_provider');
        });

        test('no_secret when no secret is given', async () => {
            const r = await run(await a.request({ signedBody: body }), []);
            expectVerdict(r, { valid: false, reason: 'no_secret' });
        });

        test('missing_signature_header without the signature header', async () => {
            const raw = removeHeaders(await a.request({ signedBody: body }), a.signatureHeaders);
            const r = await run(raw, [a.secret]);
            expectVerdict(r, { valid: false, reason: 'missing_signature_header' });
            expectNoHazard(r, 'wrong_provider');
        });

        if (a.hmac) {
            if (a.trailingNewlineHarmless) {
                // The SDK's base64 decoder ignores one trailing "\n": the SDK accepts, so must hookbench.
                test('a trailing newline on a base64 secret is ignored, as by the SDK: ok', async () => {
                    const r = await run(await a.request({ signedBody: body }), [a.secret + '\n']);
                    expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
                });
            } else {
                test('secret_whitespace: the secret has a trailing newline', async () => {
                    const r = await run(await a.request({ signedBody: body }), [a.secret + '\n']);
                    expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
                    expectHazard(r, 'secret_whitespace', { secret_index: 0 });
                });
            }

            test('secret_whitespace: on the second secret, secret_index 1', async () => {
                const r = await run(await a.request({ signedBody: body }), [a.otherSecret, ` ${a.secret}\r\n`]);
                expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
                expectHazard(r, 'secret_whitespace', { secret_index: 1 });
            });
        }

        if (a.bodyNotUtf8 !== false) test('body_not_utf8: the offset of the first bad byte (signature_mismatch with a wrong secret)', async () => {
            const { body: latin1, offset } = latin1Body();
            const r = await run(await a.request({ signedBody: latin1 }), [a.otherSecret]);
            expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
            expectHazard(r, 'body_not_utf8', { offset });
        });

        test('body_not_utf8 is absent on a UTF-8 body with a wrong secret', async () => {
            const r = await run(await a.request({ signedBody: body }), [a.otherSecret]);
            expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
            expectNoHazard(r, 'body_not_utf8');
        });
    });

    if (a.bodyHazards === false) return;

    describe(`${P}: body_modified hazards (signed one way, delivered another)`, () => {
        const obj = a.event ?? sampleEvent();
        for (const tc of bodyTransforms(obj)) {
            const label = `${tc.transform}${tc.note ? ` (${tc.note})` : ''}`;
            test(`body_modified ${label}`, async () => {
                const raw = await a.request({ signedBody: tc.signed, deliveredBody: tc.delivered });
                const r = await run(raw, [a.secret]);
                expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
                expectHazard(r, 'body_modified', { transform: tc.transform, secret_index: 0 });
            });
            test(`no body_modified hazard when the ${label} body is what was signed`, async () => {
                const raw = await a.request({ signedBody: tc.delivered });
                const r = await run(raw, [a.secret]);
                expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
                expectNoHazard(r, 'body_modified');
            });
        }
    });
}

// Timestamp checks for a scheme with a timestamp: a.request({ at }) signs at that time.
// tolerance: default tolerance in seconds; bothWays: the SDK also rejects timestamps too far ahead.
export function timestampTests(a, { tolerance, bothWays, timestampHeaders }) {
    const P = a.provider;
    const body = a.body ?? JSON.stringify(sampleEvent());
    const vo = a.verifyOptions ?? {};
    const run = (request, secrets, extra = {}) => checked(a, request, secrets, { ...vo, ...extra });

    describe(`${P}: timestamps (default tolerance ${tolerance} s${bothWays ? ', both ways' : ''})`, () => {
        test(`signed exactly ${tolerance} s before --at: ok`, async () => {
            const r = await run(await a.request({ signedBody: body, at: T - tolerance }), [a.secret]);
            expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
            expectNoHazard(r, 'timestamp_in_future');
        });

        test(`signed ${tolerance + 1} s before --at: timestamp_outside_tolerance with matched_secret`, async () => {
            const r = await run(await a.request({ signedBody: body, at: T - tolerance - 1 }), [a.otherSecret, a.secret]);
            expectVerdict(r, { valid: false, reason: 'timestamp_outside_tolerance', matched_secret: 1 });
            expectNoHazard(r, 'timestamp_in_future');
        });

        test('--tolerance widens the window', async () => {
            const r = await run(await a.request({ signedBody: body, at: T - 3600 }), [a.secret], { tolerance: 3601 });
            expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
        });

        test('a wrong signature on a stale request is signature_mismatch (checked first)', async () => {
            const r = await run(await a.request({ signedBody: body, at: T - 3600 }), [a.otherSecret]);
            expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
        });

        if (bothWays) {
            test(`signed ${tolerance} s after --at: ok`, async () => {
                const r = await run(await a.request({ signedBody: body, at: T + tolerance }), [a.secret]);
                expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
            });
            test(`signed ${tolerance + 1} s after --at: timestamp_outside_tolerance and timestamp_in_future`, async () => {
                const r = await run(await a.request({ signedBody: body, at: T + tolerance + 1 }), [a.secret]);
                expectVerdict(r, { valid: false, reason: 'timestamp_outside_tolerance', matched_secret: 0 });
                expectHazard(r, 'timestamp_in_future', { skew_s: tolerance + 1 });
            });
        }

        test('timestamp_in_future: signed 1 h after --at', async () => {
            const r = await run(await a.request({ signedBody: body, at: T + 3600 }), [a.secret]);
            expectVerdict(r, bothWays
                ? { valid: false, reason: 'timestamp_outside_tolerance', matched_secret: 0 }
                : { valid: true, reason: 'ok', matched_secret: 0 });
            expectHazard(r, 'timestamp_in_future', { skew_s: 3600 });
        });

        test('no timestamp_in_future hazard on a request signed at --at', async () => {
            const r = await run(await a.request({ signedBody: body, at: T }), [a.otherSecret]);
            expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
            expectNoHazard(r, 'timestamp_in_future');
        });

        if (timestampHeaders) {
            test('missing_timestamp without the timestamp', async () => {
                const raw = removeHeaders(await a.request({ signedBody: body }), timestampHeaders);
                const r = await run(raw, [a.secret]);
                expectVerdict(r, { valid: false, reason: 'missing_timestamp' });
            });
        }
    });
}
