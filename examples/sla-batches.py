#!/usr/bin/env python3
"""Writes the example batch listings of `batchcalc sla --calibrate`
(sla-anthropic-page*.json, sla-openai-page*.json, sla-gemini-page*.json).

Not needed to run anything: it documents how the listings were made, so the
figures a calibration recovers can be checked against the truth. Seeded, so
running it again writes the same bytes. Each file is one page of the
provider's list endpoint, newest batch first, with the fields the providers
document (../../shared/reference/batch-formats.md, the Gemini batch API's
Operation and GenerateContentBatch):

- Anthropic: 300 message batches of a team over the four weeks from
  2026-10-26, created at any hour, turnaround lognormal with a median of
  2 h at every hour (sigma 0.8 of ln t; p95 7.5 h); 3% cancelled by the team
  before they finished and any batch past 24 h expired. Listed at
  2026-11-23 09:00 UTC: a batch not done by then is still in progress.
- OpenAI: 300 batches of a team with large batches: median 24 h (sigma 0.6),
  so about half expire at the 24 h completion window; 2 failed validation.
- Gemini: 120 batch operations: median 1 h, and 4 h in US business hours
  (Mon-Fri 14:00-21:59 UTC), sigma 0.7, 48 h expiry; some cancelled, one
  failed.
"""
import json
import math
import random
from datetime import datetime, timedelta, timezone

START = datetime(2026, 10, 26, tzinfo=timezone.utc)
LISTED = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def rfc3339(t, digits):
    frac = f"{t.microsecond:06d}"
    if digits == 9:
        frac += "000"
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + frac + "Z"


def unix(t):
    return int(t.timestamp())


def created_times(rng, n):
    span = (LISTED - START).total_seconds()
    return sorted((START + timedelta(seconds=rng.uniform(0, span),
                                     microseconds=rng.randrange(1000000))
                   for _ in range(n)), reverse=True)


def anthropic(rng):
    out = []
    times = created_times(rng, 300)
    for i, created in enumerate(times):
        bid = "msgbatch_01" + "".join(rng.choice(BASE62) for _ in range(22))
        n = rng.randrange(50, 2000)
        hours = 2.0 * math.exp(0.8 * rng.gauss(0, 1))
        expires = created + timedelta(hours=24)
        b = {"id": bid, "type": "message_batch", "processing_status": "ended",
             "request_counts": {"processing": 0, "succeeded": n, "errored": 0,
                                "canceled": 0, "expired": 0},
             "ended_at": None, "created_at": rfc3339(created, 6),
             "expires_at": rfc3339(expires, 6), "archived_at": None,
             "cancel_initiated_at": None,
             "results_url": f"https://api.anthropic.com/v1/messages/batches/{bid}/results"}
        errored = rng.randrange(0, 3)
        if created + timedelta(hours=min(hours, 24)) > LISTED:
            b["processing_status"] = "in_progress"
            b["request_counts"] = {"processing": n, "succeeded": 0, "errored": 0,
                                   "canceled": 0, "expired": 0}
            b["results_url"] = None
        elif rng.random() < 0.03 and hours > 0.2:
            cancel = created + timedelta(hours=rng.uniform(0.1, hours))
            done = int(n * rng.uniform(0.1, 0.9))
            b["cancel_initiated_at"] = rfc3339(cancel, 6)
            b["ended_at"] = rfc3339(cancel + timedelta(seconds=rng.uniform(5, 90)), 6)
            b["request_counts"].update(succeeded=done, canceled=n - done)
        elif hours > 24:
            done = int(n * rng.uniform(0.5, 0.95))
            b["ended_at"] = rfc3339(expires + timedelta(seconds=rng.uniform(1, 60)), 6)
            b["request_counts"].update(succeeded=done, expired=n - done)
        else:
            b["ended_at"] = rfc3339(created + timedelta(hours=hours), 6)
            b["request_counts"].update(succeeded=n - errored, errored=errored)
        out.append(b)
    pages = []
    for p in range(3):
        data = out[p * 100:(p + 1) * 100]
        pages.append({"data": data, "has_more": p < 2, "first_id": data[0]["id"],
                      "last_id": data[-1]["id"]})
    return pages


def openai(rng):
    out = []
    for i, created in enumerate(created_times(rng, 300)):
        bid = "batch_" + "".join(rng.choice("0123456789abcdef") for _ in range(32))
        n = rng.randrange(1000, 50000)
        hours = 24.0 * math.exp(0.6 * rng.gauss(0, 1))
        c = unix(created)
        b = {"id": bid, "object": "batch", "endpoint": "/v1/chat/completions",
             "model": "gpt-5-mini-2025-08-07", "errors": None,
             "input_file_id": "file-" + "".join(rng.choice(BASE62) for _ in range(22)),
             "completion_window": "24h", "status": "completed",
             "output_file_id": None, "error_file_id": None, "created_at": c,
             "in_progress_at": c + rng.randrange(2, 60), "expires_at": c + 86400,
             "finalizing_at": None, "completed_at": None, "failed_at": None,
             "expired_at": None, "cancelling_at": None, "cancelled_at": None,
             "request_counts": {"total": n, "completed": n, "failed": 0},
             "metadata": {"job": "nightly-extract"}}
        if c + min(hours, 24) * 3600 > unix(LISTED) and i not in (17, 211):
            b.update(status="in_progress")
        elif i in (17, 211):
            b.update(status="failed", in_progress_at=None, failed_at=c + 4,
                     request_counts={"total": 0, "completed": 0, "failed": 0},
                     errors={"object": "list", "data": [
                         {"code": "invalid_json_line", "line": 12, "param": None,
                          "message": "This line is not parseable as valid JSON."}]})
        elif hours > 24:
            done = int(n * rng.uniform(0.3, 0.95))
            b.update(status="expired", expired_at=c + 86400,
                     output_file_id="file-" + "".join(rng.choice(BASE62) for _ in range(22)),
                     request_counts={"total": n, "completed": done, "failed": 0})
        else:
            end = c + int(hours * 3600)
            b.update(finalizing_at=end - 30, completed_at=end,
                     output_file_id="file-" + "".join(rng.choice(BASE62) for _ in range(22)))
        out.append(b)
    pages = []
    for p in range(3):
        data = out[p * 100:(p + 1) * 100]
        pages.append({"object": "list", "data": data, "first_id": data[0]["id"],
                      "last_id": data[-1]["id"], "has_more": p < 2})
    return pages


def gemini(rng):
    out = []
    times = created_times(rng, 120)
    for i, created in enumerate(times):
        name = "batches/" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789")
                                    for _ in range(36))
        busy = created.weekday() < 5 and 14 <= created.hour < 22
        hours = (4.0 if busy else 1.0) * math.exp(0.7 * rng.gauss(0, 1))
        n = rng.randrange(10, 5000)
        meta = {"@type": "type.googleapis.com/google.ai.generativelanguage.v1main."
                         "GenerateContentBatch",
                "model": "models/gemini-2.5-flash", "displayName": f"nightly-{i:03d}",
                "inputConfig": {"fileName": "files/" + name[8:20]},
                "createTime": rfc3339(created, 9)}
        op = {"name": name, "metadata": meta}
        if created + timedelta(hours=min(hours, 48)) > LISTED:
            meta.update(updateTime=rfc3339(created + timedelta(minutes=5), 9),
                        batchStats={"requestCount": str(n), "pendingRequestCount": str(n)},
                        state="BATCH_STATE_RUNNING", name=name)
        elif i == 57:
            end = created + timedelta(minutes=2)
            meta.update(endTime=rfc3339(end, 9), updateTime=rfc3339(end, 9),
                        batchStats={"requestCount": str(n), "failedRequestCount": str(n)},
                        state="BATCH_STATE_FAILED", name=name)
            op.update(done=True, error={"code": 3, "message": "Invalid input file."})
        elif rng.random() < 0.05 and hours > 0.2:
            end = created + timedelta(hours=rng.uniform(0.1, hours))
            meta.update(endTime=rfc3339(end, 9), updateTime=rfc3339(end, 9),
                        batchStats={"requestCount": str(n)},
                        state="BATCH_STATE_CANCELLED", name=name)
            op.update(done=True, error={"code": 1, "message": "CANCELLED"})
        elif hours > 48:
            end = created + timedelta(hours=48, seconds=rng.uniform(1, 60))
            meta.update(endTime=rfc3339(end, 9), updateTime=rfc3339(end, 9),
                        batchStats={"requestCount": str(n)},
                        state="BATCH_STATE_EXPIRED", name=name)
            op.update(done=True)
        else:
            end = created + timedelta(hours=hours)
            out_file = {"responsesFile": "files/batch-" + name[8:]}
            meta.update(output=out_file, endTime=rfc3339(end, 9), updateTime=rfc3339(end, 9),
                        batchStats={"requestCount": str(n), "successfulRequestCount": str(n)},
                        state="BATCH_STATE_SUCCEEDED", name=name)
            op.update(done=True, response=dict(
                {"@type": "type.googleapis.com/google.ai.generativelanguage.v1main."
                          "GenerateContentBatchOutput"}, **out_file))
        out.append(op)
    pages = []
    for p in range(3):
        page = {"operations": out[p * 40:(p + 1) * 40]}
        if p < 2:
            page["nextPageToken"] = "".join(rng.choice(BASE62) for _ in range(24))
        pages.append(page)
    return pages


def main():
    for provider, make, seed in (("anthropic", anthropic, 17), ("openai", openai, 1717),
                                 ("gemini", gemini, 171717)):
        for p, page in enumerate(make(random.Random(seed)), 1):
            with open(f"sla-{provider}-page{p}.json", "w") as f:
                json.dump(page, f, indent=2)
                f.write("\n")


if __name__ == "__main__":
    main()
