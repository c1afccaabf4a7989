#!/usr/bin/env python3
"""Writes a deterministic batch results file of about SIZE_MB megabytes.

usage: gen_results.py anthropic|openai SIZE_MB OUT

Lines follow ../shared/reference/batch-formats.md exactly: Anthropic Message
Batches results (succeeded with and without the cache_creation split, errored,
canceled, expired) or OpenAI Batch output (chat completions, responses and
embeddings bodies, HTTP 400 lines, batch_expired lines). Message text carries
escapes, unicode and a quoted "usage" object, as real outputs do. The same
seed always gives the same bytes.
"""
import json
import random
import sys

WORDS = ("the claim was reviewed and the policy covers water damage but not "
         "flooding; the adjuster noted \"usage\": {\"input_tokens\": 12} in "
         "the log caf\u00e9 na\u00efve \u2014 r\u00e9sum\u00e9 \U0001F600 tab\there "
         "newline\nend").split(" ")


def text(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def anthropic(rng, i):
    key = "claims-triage-%07d" % i if i % 3 else "doc-summary-%07d" % i
    r = rng.random()
    if r < 0.01:
        return {"custom_id": key, "result": {"type": "errored", "error": {
            "type": "error", "error": {"type": rng.choice(
                ["invalid_request_error", "overloaded_error", "api_error"]),
                "message": "max_tokens: 100000 > 64000"}, "request_id": None}}}
    if r < 0.015:
        return {"custom_id": key, "result": {"type": "canceled"}}
    if r < 0.02:
        return {"custom_id": key, "result": {"type": "expired"}}
    model = rng.choice(["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"])
    usage = {"input_tokens": rng.randint(50, 4000),
             "cache_creation_input_tokens": 0,
             "cache_read_input_tokens": rng.choice([0, 0, 2048, 4096]),
             "output_tokens": rng.randint(20, 900)}
    w5, w1 = rng.choice([(0, 0), (1024, 0), (0, 512)])
    usage["cache_creation_input_tokens"] = w5 + w1
    if i % 5:  # files from before 2025-08 have no split
        usage["cache_creation"] = {"ephemeral_5m_input_tokens": w5,
                                   "ephemeral_1h_input_tokens": w1}
        usage["service_tier"] = "batch"
    return {"custom_id": key, "result": {"type": "succeeded", "message": {
        "model": model, "id": "msg_%024x" % rng.getrandbits(96), "type": "message",
        "role": "assistant", "content": [{"type": "text", "text": text(rng, rng.randint(60, 260))}],
        "stop_reason": "end_turn", "stop_sequence": None, "usage": usage}}}


def openai(rng, i):
    key = "request-%07d" % i
    rid = "batch_req_%024x" % rng.getrandbits(96)
    r = rng.random()
    if r < 0.01:
        return {"id": rid, "custom_id": key, "response": {"status_code": 400,
                "request_id": "req_%x" % i, "body": {"error": {
                    "message": "max_tokens is too large", "type": "invalid_request_error",
                    "param": "max_tokens", "code": None}}}, "error": None}
    if r < 0.02:
        return {"id": rid, "custom_id": key, "response": None, "error": {
            "code": "batch_expired",
            "message": "This request could not be executed before the completion window expired."}}
    kind = i % 10
    if kind == 0:
        n = rng.randint(10, 500)
        body = {"object": "list", "data": [{"object": "embedding", "index": 0,
                "embedding": [round(rng.uniform(-1, 1), 6) for _ in range(24)]}],
                "model": "text-embedding-3-small",
                "usage": {"prompt_tokens": n, "total_tokens": n}}
        body["model"] = "gpt-4.1-nano"  # priced model standing in for embeddings
    elif kind == 1:
        inp = rng.randint(100, 3000)
        cached = rng.choice([0, 0, inp // 2])
        out = rng.randint(20, 800)
        body = {"id": "resp_%x" % i, "object": "response", "created_at": 1711652789,
                "model": "gpt-4.1-mini", "output": [{"type": "message", "content": [
                    {"type": "output_text", "text": text(rng, rng.randint(60, 240))}]}],
                "usage": {"input_tokens": inp, "input_tokens_details": {"cached_tokens": cached},
                          "output_tokens": out, "output_tokens_details": {"reasoning_tokens": 0},
                          "total_tokens": inp + out}}
    else:
        p = rng.randint(100, 4000)
        cached = rng.choice([0, 0, p // 2])
        c = rng.randint(20, 900)
        body = {"id": "chatcmpl-%x" % i, "object": "chat.completion", "created": 1711652789,
                "model": "gpt-4o-mini-2024-07-18", "choices": [{"index": 0, "message": {
                    "role": "assistant", "content": text(rng, rng.randint(60, 260))},
                    "logprobs": None, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c,
                          "prompt_tokens_details": {"cached_tokens": cached, "audio_tokens": 0},
                          "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0}},
                "system_fingerprint": "fp_3ba"}
    return {"id": rid, "custom_id": key, "response": {"status_code": 200,
            "request_id": "req_%x" % i, "body": body}, "error": None}


def main():
    provider, size_mb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    make = anthropic if provider == "anthropic" else openai
    rng = random.Random(20261125)
    limit = size_mb * 1000 * 1000
    written = 0
    i = 1
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        while written < limit:
            line = json.dumps(make(rng, i), separators=(",", ":"), ensure_ascii=(i % 2 == 0)) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))
            i += 1


if __name__ == "__main__":
    main()
