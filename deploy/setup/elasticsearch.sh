#!/bin/sh
# One-shot, idempotent: gives kibana_system its password and creates the role and user MentionWatch connects with.
# Runs in curlimages/curl once Elasticsearch is healthy; every call is safe to repeat on the next `compose up`.
set -eu
ES=http://elasticsearch:9200

call() { # method path json
  code=$(curl -sS -o /tmp/response -w '%{http_code}' -u "elastic:${ELASTIC_PASSWORD}" -X "$1" "$ES$2" \
    -H 'Content-Type: application/json' -d "$3")
  case "$code" in
    2??) echo "$1 $2: $code" ;;
    *) echo "$1 $2 failed with HTTP $code: $(cat /tmp/response)" >&2; exit 1 ;;
  esac
}

call POST /_security/user/kibana_system/_password "{\"password\":\"${KIBANA_PASSWORD}\"}"

# What the store needs: its index templates, ILM policy and data stream (all named mentionwatch-*), and cluster health for /readyz.
call PUT /_security/role/mentionwatch_store '{
  "cluster": ["monitor", "manage_index_templates", "manage_ilm"],
  "indices": [{ "names": ["mentionwatch-*"], "privileges": ["all"] }]
}'

call PUT /_security/user/mentionwatch "{
  \"password\": \"${MENTIONWATCH_ES_PASSWORD}\",
  \"roles\": [\"mentionwatch_store\"],
  \"full_name\": \"MentionWatch service\"
}"

# Analysts who should only read mentions in Kibana: give them this role plus Kibana's own (e.g. kibana_admin or a space role).
call PUT /_security/role/mentionwatch_reader '{
  "indices": [{ "names": ["mentionwatch-mentions*"], "privileges": ["read", "view_index_metadata"] }]
}'
echo "Elasticsearch users and roles are ready."
