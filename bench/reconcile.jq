# The bench's jq baseline: the same reconciliation as bench/reconcile.py, with
# the same output lines (run with: jq -n -r -f bench/reconcile.jq FILE).
def tokens:
  if has("result") then
    .result.message as $m | $m.usage as $u
    | ($u.cache_creation_input_tokens // 0) as $w
    | [$m.model, $u.input_tokens, ($u.cache_read_input_tokens // 0),
       (if $u.cache_creation then $u.cache_creation.ephemeral_5m_input_tokens else $w end),
       (if $u.cache_creation then $u.cache_creation.ephemeral_1h_input_tokens else 0 end),
       $u.output_tokens]
  else
    .response.body as $b | $b.usage as $u
    | if $u | has("prompt_tokens") then
        ($u.prompt_tokens_details.cached_tokens // 0) as $c
        | [$b.model, $u.prompt_tokens - $c, $c, 0, 0, ($u.completion_tokens // 0)]
      else
        ($u.input_tokens_details.cached_tokens // 0) as $c
        | [$b.model, $u.input_tokens - $c, $c, 0, 0, $u.output_tokens]
      end
  end;
def outcome:
  if has("result") then .result.type
  elif .response == null then
    (if .error.code == "batch_expired" then "expired"
     elif .error.code == "batch_cancelled" then "canceled" else "errored" end)
  elif .response.status_code >= 200 and .response.status_code < 300 then "succeeded"
  else "errored" end;
reduce inputs as $l ({counts: {succeeded: 0, errored: 0, canceled: 0, expired: 0}, models: {}};
  ($l | outcome) as $o
  | .counts[$o] += 1
  | if $o == "succeeded" then
      ($l | tokens) as $t
      | .models[$t[0]] as $m
      | .models[$t[0]] = [(($m[0] // 0) + 1), (($m[1] // 0) + $t[1]), (($m[2] // 0) + $t[2]),
                          (($m[3] // 0) + $t[3]), (($m[4] // 0) + $t[4]), (($m[5] // 0) + $t[5])]
    else . end)
| (.models | to_entries | sort_by(.key)[] | "\(.key) \(.value | map(tostring) | join(" "))"),
  "counts \(.counts.succeeded) \(.counts.errored) \(.counts.canceled) \(.counts.expired)"
