#!/usr/bin/env python3
"""The bench's baseline: the same reconciliation with Python's json module.

usage: reconcile.py FILE   prints one line per model, then the counts:
  MODEL REQUESTS UNCACHED_INPUT CACHE_READ CACHE_WRITE_5M CACHE_WRITE_1H OUTPUT
  counts SUCCEEDED ERRORED CANCELED EXPIRED
The rules are batchcalc's (../shared/reference/batch-formats.md): Anthropic
input_tokens excludes cache tokens, OpenAI prompt/input tokens include them,
OpenAI success is status_code 2xx.
"""
import json
import sys


def main():
    models = {}
    counts = {"succeeded": 0, "errored": 0, "canceled": 0, "expired": 0}
    with open(sys.argv[1], "rb") as f:
        for raw in f:
            if not raw.strip():
                continue
            line = json.loads(raw)
            if "result" in line:
                res = line["result"]
                kind = res["type"]
                counts[kind] += 1
                if kind != "succeeded":
                    continue
                msg = res["message"]
                u = msg["usage"]
                writes = u.get("cache_creation_input_tokens") or 0
                split = u.get("cache_creation")
                w5, w1 = (split["ephemeral_5m_input_tokens"],
                          split["ephemeral_1h_input_tokens"]) if split else (writes, 0)
                t = (u["input_tokens"], u.get("cache_read_input_tokens") or 0, w5, w1,
                     u["output_tokens"])
                model = msg["model"]
            else:
                resp = line.get("response")
                if resp is None:
                    code = (line.get("error") or {}).get("code")
                    counts["expired" if code == "batch_expired" else
                           "canceled" if code == "batch_cancelled" else "errored"] += 1
                    continue
                if not 200 <= resp["status_code"] < 300:
                    counts["errored"] += 1
                    continue
                counts["succeeded"] += 1
                body = resp["body"]
                u = body["usage"]
                if "prompt_tokens" in u:
                    total = u["prompt_tokens"]
                    cached = (u.get("prompt_tokens_details") or {}).get("cached_tokens", 0)
                    out = u.get("completion_tokens", 0)
                else:
                    total = u["input_tokens"]
                    cached = (u.get("input_tokens_details") or {}).get("cached_tokens", 0)
                    out = u["output_tokens"]
                t = (total - cached, cached, 0, 0, out)
                model = body["model"]
            m = models.setdefault(model, [0, 0, 0, 0, 0, 0])
            m[0] += 1
            for i in range(5):
                m[i + 1] += t[i]
    for name in sorted(models):
        print(name, *models[name])
    print("counts", counts["succeeded"], counts["errored"], counts["canceled"],
          counts["expired"])


if __name__ == "__main__":
    main()
