#!/bin/sh
# One-shot: imports the MentionWatch data view, saved search and dashboard through Kibana's saved objects import API.
# overwrite=true makes it idempotent: a later `compose up` replaces the objects with the shipped versions.
set -eu
KIBANA=http://kibana:5601

code=$(curl -sS -o /tmp/response -w '%{http_code}' -u "elastic:${ELASTIC_PASSWORD}" \
  -X POST "$KIBANA/api/saved_objects/_import?overwrite=true" \
  -H 'kbn-xsrf: mentionwatch-setup' \
  --form file=@/kibana/mentionwatch.ndjson)
if [ "$code" != 200 ] || ! grep -q '"success":true' /tmp/response; then
  echo "Saved objects import failed with HTTP $code: $(cat /tmp/response)" >&2
  exit 1
fi
echo "Kibana objects imported: $(cat /tmp/response)"
