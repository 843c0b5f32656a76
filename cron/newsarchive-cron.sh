#!/usr/bin/env bash
# Crawl every enabled site of the sites file, for cron.
#
#  - one run at a time: a second run started while one is going exits at once (status 75) and touches
#    nothing; with --wait-lock SECONDS it first waits that long for the other run to finish (the weekly
#    revalidation waits for the daily crawl instead of being skipped);
#  - one log file per run in $NEWSARCHIVE_LOG_DIR (default: <project>/logs), older ones pruned after
#    $NEWSARCHIVE_LOG_KEEP_DAYS days (default 30);
#  - it prints (so cron mails) only problems: one line per site that failed, was blocked or was
#    interrupted, with its status and why (the commonest reasons, the first failed URL), a notification that
#    could not be sent, a configuration error; then the path of the full log. A good run prints nothing.
#
# Exit status, exactly:
#   0   every site ran (ok or partial)
#   1   a site failed, was blocked or was interrupted (or the crawl itself crashed or was killed)
#   2   usage or configuration error (bad arguments, sites.toml, settings, notify file; no newsarchive)
#   75  another run holds the lock (with --wait-lock SECONDS: still held after waiting that long)
#
# Extra arguments go to `newsarchive crawl` (e.g. --revalidate --wait-lock 10800 for a weekly run).
# Environment:
#   NEWSARCHIVE_HOME        project folder (default: the folder above this script)
#   NEWSARCHIVE_BIN         the newsarchive command (default: $NEWSARCHIVE_HOME/.venv/bin/newsarchive)
#   NEWSARCHIVE_DB, NEWSARCHIVE_SITES, NEWSARCHIVE_USER_AGENT, NEWSARCHIVE_NOTIFY   as for newsarchive crawl
#   NEWSARCHIVE_LOCK        lock file (default: <folder of the archive>/crawl.lock)
set -u

home=${NEWSARCHIVE_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
cd "$home" || { echo "newsarchive-cron: cannot enter $home" >&2; exit 2; }
bin=${NEWSARCHIVE_BIN:-$home/.venv/bin/newsarchive}
db=${NEWSARCHIVE_DB:-data/newsarchive.db}
log_dir=${NEWSARCHIVE_LOG_DIR:-$home/logs}
lock=${NEWSARCHIVE_LOCK:-$(dirname "$db")/crawl.lock}
keep_days=${NEWSARCHIVE_LOG_KEEP_DAYS:-30}

if [ ! -x "$bin" ]; then
    echo "newsarchive-cron: $bin not found; run 'make install' in $home first" >&2
    exit 2
fi
mkdir -p "$log_dir" || { echo "newsarchive-cron: cannot create $log_dir" >&2; exit 2; }
log="$log_dir/crawl-$(date -u +%Y%m%dT%H%M%SZ)-$$.log"
problems="$log.stderr"
trap 'rm -f "$problems"' EXIT

# The crawl log and the summary table go to the log file; what the crawl says on stderr (the problems) is
# added to the log and, when there is any, printed for cron's mail.
"$bin" crawl --all --db "$db" --lock "$lock" --log-file "$log" "$@" >>"$log" 2>"$problems"
status=$?
case $status in
    0 | 1 | 2 | 75) ;;
    *)
        echo "newsarchive-cron: the crawl ended with status $status (killed or crashed)" >>"$problems"
        status=1
        ;;
esac
cat "$problems" >>"$log"
if [ "$status" -eq 75 ]; then
    echo "newsarchive-cron: another crawl is running ($lock); this one did nothing" >&2
elif [ "$status" -ne 0 ] || [ -s "$problems" ]; then
    cat "$problems" >&2
    echo "newsarchive-cron: full log: $log" >&2
fi
find "$log_dir" -name 'crawl-*.log*' -mtime +"$keep_days" -delete 2>/dev/null
exit "$status"
