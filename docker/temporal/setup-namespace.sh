#!/bin/sh
# One-shot step once the Temporal frontend serves: creates the namespace the platform uses and the
# search attributes every submit sets, when missing. Safe to run on every start.
#
# Run by the `temporal-namespace` job of docker/compose.yaml (temporalio/admin-tools image) and by
# `npm start -- --cluster` (libs/dev/temporal-cluster.ts):
#   TEMPORAL_ADDRESS     the frontend, host:port
#   TEMPORAL_NAMESPACE   default: default
#   NAMESPACE_RETENTION  how long a closed application's history stays in Temporal (default 8760h, a year)
#   SEARCH_ATTRIBUTES    name=Type pairs; the default is what libs/temporal/search-attributes.ts declares
#   TEMPORAL_CLI         the temporal CLI binary (default: on PATH)
set -eu

: "${TEMPORAL_ADDRESS:?set TEMPORAL_ADDRESS to the Temporal frontend, host:port}"
cli="${TEMPORAL_CLI:-temporal}"
ns="${TEMPORAL_NAMESPACE:-default}"
retention="${NAMESPACE_RETENTION:-8760h}"
attributes="${SEARCH_ATTRIBUTES:-PermitType=Keyword ReceivingOffice=Keyword TrackingCode=Keyword}"

fail() {
  echo "setup-namespace: $1" >&2
  exit 1
}

# Polls, as a one-shot job must: the frontend may still be joining the cluster.
tries=0
until "$cli" operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 120 ] || fail "the Temporal frontend at $TEMPORAL_ADDRESS did not answer within 120 s"
  sleep 1
done

if ! "$cli" operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$ns" >/dev/null 2>&1; then
  if ! out=$("$cli" operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$ns" --retention "$retention" 2>&1); then
    case "$out" in
      *"already"*) ;;
      *) echo "$out" >&2; fail "could not create namespace $ns" ;;
    esac
  fi
  echo "setup-namespace: created namespace $ns (retention $retention)"
fi

# A namespace just created reaches every service's cache within seconds; until then the frontend
# refuses search attributes for it, so this step is retried.
tries=0
for pair in $attributes; do
  name="${pair%%=*}"
  type="${pair#*=}"
  until listed=$("$cli" operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$ns" --output json 2>&1); do
    tries=$((tries + 1))
    [ "$tries" -lt 60 ] || { echo "$listed" >&2; fail "could not list the search attributes of $ns"; }
    sleep 1
  done
  case "$listed" in *"\"$name\""*) continue ;; esac
  until out=$("$cli" operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$ns" --name "$name" --type "$type" 2>&1); do
    case "$out" in *"already exists"*) break ;; esac
    tries=$((tries + 1))
    [ "$tries" -lt 60 ] || { echo "$out" >&2; fail "could not create search attribute $name ($type) in $ns"; }
    sleep 1
  done
  echo "setup-namespace: search attribute $name ($type) in $ns"
done
