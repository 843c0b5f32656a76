#!/usr/bin/env bash
# Crawl every enabled site of the sites file, for cron.
#
#  - one run at a time: a second run started while one is going exits at once (status 75) and touches nothing;
#  - one log file per run in $NEWSARCHIVE_LOG_DIR (default: <project>/logs), older ones pruned after
#    $NEWSARCHIVE_LOG_KEEP_DAYS days (default 30);
#  - exit status: 0 when every site ran (ok or partial), 1 when a site failed, was blocked or interrupted,
#    75 when another run holds the lock, 2 on a usage/config error.
#
# Extra arguments go to `newsarchive crawl` (e.g. --revalidate for a weekly run). Environment:
#   NEWSARCHIVE_HOME        project folder (default: the folder above this script)
#   NEWSARCHIVE_BIN         the newsarchive command (default: $NEWSARCHIVE_HOME/.venv/bin/newsarchive)
#   NEWSARCHIVE_DB, NEWSARCHIVE_SITES, NEWSARCHIVE_USER_AGENT   as for newsarchive crawl
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
mkdir -p "$log_dir"
log="$log_dir/crawl-$(date -u +%Y%m%dT%H%M%SZ)-$$.log"

# the crawl log and the summary table end up in the same file (both append)
"$bin" crawl --all --db "$db" --lock "$lock" --log-file "$log" "$@" >>"$log" 2>&1
status=$?
case $status in
    0) ;;
    75) echo "newsarchive-cron: another crawl is running ($lock); this one did nothing" >&2 ;;
    *) echo "newsarchive-cron: crawl exited $status; see $log" >&2 ;;
esac
find "$log_dir" -name 'crawl-*.log' -mtime +"$keep_days" -delete 2>/dev/null
exit $status
