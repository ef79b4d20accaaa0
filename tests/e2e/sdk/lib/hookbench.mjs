// Shared helpers for the SDK end-to-end tests: run the real hookbench-cli on raw request files
// written as exact bytes, parse its --json verdicts and the raw requests `sign` prints, and
// explain every failure precisely enough to be a bug report (command, secrets, request bytes,
// expected vs actual).
//
// Nothing here depends on the wall clock: every command gets --at, and SDK checks that read the
// clock run inside atClock().

import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SDK_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// The fixed "now" of every test: 2025-11-22T03:20:00Z (the timestamp of CONTRACT.md's example).
export const T = 1763779200;

// ---------------------------------------------------------------------------------------------
// Preconditions, checked with clear messages instead of ERR_MODULE_NOT_FOUND or ENOENT.

// HB_SDK_SELFCHECK=1: do not run the CLI; check only that each test's expected verdict agrees
// with what the official SDK says about the same request (a check of the tests themselves).
export const SELFCHECK = process.env.HB_SDK_SELFCHECK === '1';

function preconditions() {
    const problems = [];
    const nm = join(SDK_DIR, 'node_modules');
    if (!existsSync(nm)) {
        problems.push(`${nm} is missing: run tests/e2e/sdk/setup.sh (npm ci) first`);
    } else if (statSync(join(SDK_DIR, 'package-lock.json')).mtimeMs > statSync(nm).mtimeMs) {
        problems.push(`${nm} is older than package-lock.json: run tests/e2e/sdk/setup.sh`);
    }
    const cli = process.env.HOOKBENCH_CLI;
    if (SELFCHECK) {
        // only the tests' expectations against the SDKs are checked; the CLI is not run
    } else if (!cli) {
        problems.push('HOOKBENCH_CLI is not set: point it at the hookbench-cli executable '
            + '(ctest sets it to $<TARGET_FILE:hookbench-cli>)');
    } else if (!existsSync(cli)) {
        problems.push(`HOOKBENCH_CLI=${cli} does not exist`);
    }
    return problems;
}

const problems = preconditions();
if (problems.length) {
    throw new Error('hookbench e2e sdk tests cannot run:\n  ' + problems.join('\n  '));
}

export const CLI = SELFCHECK ? '/nonexistent/hookbench-cli' : resolve(process.env.HOOKBENCH_CLI);

// Imports an SDK from this folder's node_modules (dynamic, so that a missing install is reported
// by preconditions() above rather than by the module loader).
export async function sdk(name) {
    return import(name);
}

// ---------------------------------------------------------------------------------------------
// Temporary files: one directory per test process, removed at exit.

const TMP = mkdtempSync(join(tmpdir(), 'hookbench-e2e-sdk-'));
process.on('exit', () => rmSync(TMP, { recursive: true, force: true }));
let fileCounter = 0;

export function tmpFile(name, bytes) {
    const path = join(TMP, `${++fileCounter}-${name}`);
    writeFileSync(path, bytes);
    return path;
}

// An isolated environment: no user config, keychain or store can leak into a verdict.
function childEnv(extra) {
    const home = join(TMP, 'home');
    return {
        PATH: process.env.PATH,
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_DATA_HOME: join(home, 'data'),
        XDG_CACHE_HOME: join(home, 'cache'),
        XDG_RUNTIME_DIR: join(home, 'run'),
        LANG: 'C.UTF-8',
        QT_QPA_PLATFORM: 'offscreen',
        ...extra,
    };
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP/1.1 requests as exact bytes.

const toBuf = (b) => (Buffer.isBuffer(b) ? b : Buffer.from(b, 'utf8'));

// headers: [[name, value], ...] in wire order. Content-Length is added (last) unless present.
export function rawRequest({ method = 'POST', target = '/webhook', host = 'hooks.example.com',
    headers = [], body = '' }) {
    const bodyBuf = toBuf(body);
    const lines = [`${method} ${target} HTTP/1.1`];
    const has = (n) => headers.some(([k]) => k.toLowerCase() === n);
    if (!has('host')) lines.push(`Host: ${host}`);
    if (!has('user-agent')) lines.push('User-Agent: hookbench-e2e-sdk');
    for (const [k, v] of headers) lines.push(`${k}: ${v}`);
    if (!has('content-length') && !has('transfer-encoding')) lines.push(`Content-Length: ${bodyBuf.length}`);
    return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), bodyBuf]);
}

// Parses a raw request (Content-Length or chunked). Header names keep their case in `list`;
// `headers` maps lower-case names to the first value.
export function parseRawRequest(buf) {
    const end = buf.indexOf('\r\n\r\n');
    assert.ok(end >= 0, `not a raw HTTP request (no CRLF CRLF): ${show(buf)}`);
    const head = buf.subarray(0, end).toString('latin1').split('\r\n');
    const m = /^([A-Z]+) (\S+) HTTP\/1\.1$/.exec(head[0]);
    assert.ok(m, `bad request line ${JSON.stringify(head[0])}`);
    const list = [];
    const headers = {};
    for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        assert.ok(i > 0, `bad header line ${JSON.stringify(line)}`);
        const name = line.slice(0, i);
        const value = line.slice(i + 1).trim();
        list.push([name, value]);
        if (!(name.toLowerCase() in headers)) headers[name.toLowerCase()] = value;
    }
    let rest = buf.subarray(end + 4);
    let body;
    if ((headers['transfer-encoding'] || '').toLowerCase().includes('chunked')) {
        const parts = [];
        for (;;) {
            const le = rest.indexOf('\r\n');
            const size = parseInt(rest.subarray(0, le).toString('latin1'), 16);
            assert.ok(Number.isInteger(size), 'bad chunk size');
            if (size === 0) break;
            parts.push(rest.subarray(le + 2, le + 2 + size));
            rest = rest.subarray(le + 2 + size + 2);
        }
        body = Buffer.concat(parts);
    } else {
        const len = headers['content-length'] === undefined ? rest.length : Number(headers['content-length']);
        assert.equal(rest.length, len, `Content-Length ${len} but ${rest.length} body bytes follow`);
        body = rest;
    }
    return { method: m[1], target: m[2], list, headers, body };
}

// ---------------------------------------------------------------------------------------------
// Running the CLI.

export function shellQuote(a) {
    return /^[A-Za-z0-9_\-./=:@%+,]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

export function show(buf) {
    const b = toBuf(buf);
    const s = b.toString('utf8');
    if (Buffer.from(s, 'utf8').equals(b)) return JSON.stringify(s);
    return `base64:${b.toString('base64')}`;
}

export function runCli(args, { env = {}, input } = {}) {
    if (SELFCHECK) {
        return { status: null, stdout: Buffer.alloc(0), stderr: '', command: 'hookbench-cli ' + args.join(' '),
            selfcheck: true };
    }
    const r = spawnSync(CLI, args, { env: childEnv(env), input, timeout: 20000, maxBuffer: 64 << 20 });
    if (r.error) throw r.error;
    const envText = Object.entries(env).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
    return {
        status: r.status,
        signal: r.signal,
        stdout: r.stdout,
        stderr: r.stderr.toString('utf8'),
        command: `${envText} hookbench-cli ${args.map(shellQuote).join(' ')}`.trim(),
    };
}

// Runs `verify --json` on a raw request. secrets: array of strings (each passed by --secret-env
// exactly as given). Returns { status, verdict, stdout, stderr, command, request }.
export function verify({ provider, secrets = [], secretFiles = [], at = T, request, url, tolerance, extra = [] }) {
    const file = tmpFile('request.http', request);
    const env = {};
    const args = ['verify', '--provider', provider];
    secrets.forEach((s, i) => {
        env[`HB_SECRET_${i}`] = s;
        args.push('--secret-env', `HB_SECRET_${i}`);
    });
    for (const content of secretFiles) args.push('--secret-file', tmpFile('secret', content));
    if (tolerance !== undefined) args.push('--tolerance', String(tolerance));
    if (at !== null) args.push('--at', String(at));
    if (url !== undefined) args.push('--url', url);
    args.push(...extra, '--json', file);
    const r = runCli(args, { env });
    r.request = request;
    r.verdict = undefined;
    const out = r.stdout.toString('utf8').trim();
    if (out) {
        try {
            r.verdict = JSON.parse(out);
        } catch (e) {
            r.parseError = e.message;
        }
    }
    return r;
}

export function report(r, what) {
    return [
        what,
        `  command: ${r.command}`,
        r.request ? `  request file bytes: ${show(r.request)}` : null,
        r.bodyFile ? `  body file bytes: ${show(r.bodyFile)}` : null,
        `  exit: ${r.status}${r.signal ? ` (signal ${r.signal})` : ''}`,
        `  stdout: ${show(r.stdout)}`,
        `  stderr: ${JSON.stringify(r.stderr)}`,
    ].filter(Boolean).join('\n');
}

function fail(r, what) {
    assert.fail(report(r, what));
}

// Asserts the verdict's exit code, valid, reason, provider and matched_secret; returns it.
export function expectVerdict(r, { valid, reason, provider, matched_secret }) {
    if (r.selfcheck) {
        if (r.sdkValid !== undefined && r.sdkValid !== valid) {
            assert.fail(`test bug: expected valid=${valid} (${reason}) but the official SDK says valid=${r.sdkValid}\n`
                + `  request: ${show(r.request)}`);
        }
        return { hazards: [] };
    }
    if (r.verdict === undefined) fail(r, `expected a JSON verdict on stdout${r.parseError ? ` (${r.parseError})` : ''}`);
    const v = r.verdict;
    const wantExit = valid ? 0 : 1;
    const got = { exit: r.status, valid: v.valid, reason: v.reason };
    const want = { exit: wantExit, valid, reason };
    if (provider !== undefined) { got.provider = v.provider; want.provider = provider; }
    if (matched_secret !== undefined) { got.matched_secret = v.matched_secret; want.matched_secret = matched_secret; }
    const same = Object.keys(want).every((k) => (Array.isArray(want[k])
        ? want[k].includes(got[k]) : Object.is(want[k], got[k])));
    if (!same) fail(r, `expected ${JSON.stringify(want)} but got ${JSON.stringify(got)}`);
    if (!Array.isArray(v.hazards)) fail(r, 'verdict has no "hazards" array');
    if (r.sdkValid !== undefined && r.sdkValid !== valid) {
        fail(r, `test bug: expected valid=${valid} but the official SDK says valid=${r.sdkValid} for the same bytes`);
    }
    return v;
}

// Finds hazards with this code whose fields include `fields` (e.g. {transform: 'bom_added'}).
function findHazards(v, code, fields = {}) {
    return (v.hazards || []).filter((h) => h.code === code
        && Object.entries(fields).every(([k, val]) => Object.is(h[k], val)));
}

export function expectHazard(r, code, fields = {}) {
    if (r.selfcheck) return undefined;
    const found = findHazards(r.verdict || {}, code, fields);
    if (!found.length) {
        fail(r, `expected hazard ${JSON.stringify({ code, ...fields })} in ${JSON.stringify(r.verdict?.hazards)}`);
    }
    return found[0];
}

export function expectNoHazard(r, code, fields = {}) {
    if (r.selfcheck) return undefined;
    const found = findHazards(r.verdict || {}, code, fields);
    if (found.length) fail(r, `hazard ${JSON.stringify(found[0])} reported on a request that does not have it`);
}

export function expectNoHazards(r) {
    if (r.selfcheck) return undefined;
    const h = r.verdict?.hazards;
    if (!Array.isArray(h) || h.length) fail(r, `expected "hazards": [] on a clean request, got ${JSON.stringify(h)}`);
}

// Runs `sign` and parses the raw request it prints.
export function sign({ provider, secret, at = T, id, url, headers = [], body, extra = [], secretFile = false }) {
    const bodyFile = tmpFile('body', body);
    const env = {};
    const args = ['sign', '--provider', provider];
    if (secretFile) {
        args.push('--secret-file', tmpFile('secret', secret));
    } else {
        env.HB_SIGN_SECRET = secret;
        args.push('--secret-env', 'HB_SIGN_SECRET');
    }
    if (at !== null) args.push('--at', String(at));
    if (id !== undefined) args.push('--id', id);
    if (url !== undefined) args.push('--url', url);
    for (const h of headers) args.push('--header', h);
    args.push(...extra, bodyFile);
    const r = runCli(args, { env });
    r.bodyFile = toBuf(body);
    if (r.selfcheck) throw new SelfcheckSkip();
    if (r.status !== 0) fail(r, 'expected `sign` to exit 0');
    try {
        r.parsed = parseRawRequest(r.stdout);
    } catch (e) {
        fail(r, `sign did not print a raw HTTP/1.1 request: ${e.message}`);
    }
    if (!r.parsed.body.equals(toBuf(body))) fail(r, 'the signed request body differs from BODY_FILE');
    return r;
}

// Asserts an SDK verdict on a request `sign` produced, with the CLI output in the message.
export async function expectSdkAccepts(r, what, fn) {
    let ok;
    let err;
    try {
        ok = await fn();
    } catch (e) {
        err = e;
    }
    if (err || ok === false) {
        fail(r, `${what} rejected the request hookbench signed: ${err ? err.message : 'returned false'}`);
    }
    return ok;
}

export async function expectSdkRejects(what, fn) {
    let ok;
    try {
        ok = await fn();
    } catch {
        return;
    }
    assert.ok(ok === false, `${what} accepted a request it should reject`);
}

// Runs fn with Date.now() and `new Date()` frozen at `seconds` (for SDKs that read the clock).
export async function atClock(seconds, fn) {
    const RealDate = globalThis.Date;
    const fixed = seconds * 1000;
    class FrozenDate extends RealDate {
        constructor(...a) {
            if (a.length === 0) super(fixed);
            else super(...a);
        }

        static now() {
            return fixed;
        }
    }
    globalThis.Date = FrozenDate;
    try {
        return await fn();
    } finally {
        globalThis.Date = RealDate;
    }
}

// ---------------------------------------------------------------------------------------------
// Payloads and body transformations.

// A realistic event with what the body hazards need: non-ASCII text, a URL (slashes), numbers.
export function sampleEvent(extra = {}) {
    return {
        id: 'evt_1QeBfL2eZvKYlo2C0x4pHqY9',
        object: 'event',
        type: 'customer.updated',
        created: T - 3,
        data: {
            object: {
                id: 'cus_R5pjkQ0pYx0lXy',
                name: 'Zoë Müller-Łukasiewicz',
                description: 'Café order – 10 €',
                website: 'https://example.com/customers/zoe?ref=a/b',
                balance: 1250,
                tags: ['vip', 'früh'],
            },
        },
        livemode: false,
        ...extra,
    };
}

export const compact = (obj) => JSON.stringify(obj);
export const pretty = (obj) => JSON.stringify(obj, null, 2);

export const escapeUnicode = (s) => s.replace(/[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
export const unescapeUnicode = (s) => s.replace(/\\u([0-9a-fA-F]{4})/g,
    (_, h) => String.fromCharCode(parseInt(h, 16)));
export const escapeSlashes = (s) => s.replace(/\//g, '\\/');
// UTF-8 bytes read as Latin-1 and re-encoded as UTF-8.
export const latin1Mojibake = (s) => Buffer.from(Buffer.from(s, 'utf8').toString('latin1'), 'utf8');
export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// signed: the bytes the sender signed; delivered: the bytes that reached Hookbench.
export function bodyTransforms(obj) {
    const c = compact(obj);
    const p = pretty(obj);
    const crlf = p.replace(/\n/g, '\r\n');
    return [
        { transform: 'json_reserialized', signed: c, delivered: p, note: 'signed compact, delivered pretty-printed' },
        { transform: 'json_reserialized', signed: p, delivered: c, note: 'signed pretty, delivered compact' },
        { transform: 'lf_to_crlf', signed: p, delivered: crlf },
        { transform: 'crlf_to_lf', signed: crlf, delivered: p },
        { transform: 'trailing_newline_added', signed: c, delivered: c + '\n' },
        { transform: 'trailing_newline_removed', signed: c + '\n', delivered: c },
        { transform: 'unicode_escaped', signed: c, delivered: escapeUnicode(c) },
        { transform: 'unicode_unescaped', signed: escapeUnicode(c), delivered: c },
        { transform: 'slashes_escaped', signed: c, delivered: escapeSlashes(c) },
        { transform: 'latin1_mojibake', signed: c, delivered: latin1Mojibake(c) },
        { transform: 'bom_added', signed: c, delivered: Buffer.concat([BOM, Buffer.from(c)]) },
        { transform: 'whitespace_trimmed', signed: `\n${c}\n`, delivered: c, note: 'signed with a newline before and after' },
    ];
}

// A body that is not valid UTF-8: Latin-1 bytes. Returns { body, offset } (first bad byte).
export function latin1Body() {
    // webhookTimestamp: Linear requires it in the body (ignored by every other provider)
    const s = `{"id":"evt_latin1","name":"Zoë Müller","webhookTimestamp":${T * 1000}}`;
    const body = Buffer.from(s, 'latin1');
    return { body, offset: body.indexOf(0xeb) };
}

export class SelfcheckSkip extends Error {}

// describe() for the "hookbench signs, the SDK verifies" groups: skipped in HB_SDK_SELFCHECK mode,
// where there is no CLI to sign.
export function signDescribe(name, fn) {
    return describe(name, SELFCHECK ? { skip: 'HB_SDK_SELFCHECK: sign needs the CLI' } : {}, fn);
}
