#!/usr/bin/env bash
# Measures the example site with Lighthouse as a resident's phone would see
# it: built, served compressed (brotli) with Netlify's headers, and loaded
# by Debian's Chromium, headless, with Lighthouse's mobile settings
# (simulated slow 4G and a 4x slower CPU). Prints, for each page and run,
# the performance score and total blocking time (TBT), first and largest
# contentful paint (FCP, LCP), speed index (SI), time to interactive (TTI),
# all in ms, the KB transferred and Lighthouse's benchmark of this
# machine's CPU (BI); then each page's median score and TBT.
#
#   scripts/lighthouse.sh                       # home, a fund, an area page
#   scripts/lighthouse.sh /areas/barnet/ /data/ # any pages
#   RUNS=5 scripts/lighthouse.sh                # runs per page (default 3)
#   SRC=/path/to/other/checkout scripts/lighthouse.sh   # build another tree
#   CPU_SLOWDOWN=1 scripts/lighthouse.sh        # see below
#
# Lighthouse slows the CPU 4x, which makes a high-end desktop (BI 1500 to
# 2000) a mid-tier phone. On a slower or busy machine that is far slower
# than any phone: Lighthouse's docs/throttling.md gives BI 125 to 800 as a
# mid-tier phone already, and asks for a smaller CPU_SLOWDOWN there (1x).
# A shared machine's load also counts as the page's own work, so compare
# figures measured in one run, or interleaved, never across days.
#
# Not run by go test or CI: scores vary from run to run on a shared machine
# and nothing should fail on them. Needs Go, Node 18 or later, npm (the
# registry once, for npm ci) and Chromium (CHROME_PATH, else
# /usr/bin/chromium). Reports are kept in bench/lighthouse/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
src=${SRC:-$repo}
runs=${RUNS:-3}
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=(/ /funds/accelerating-reform-fund/ /areas/kent-and-medway/)
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
out=$repo/bench/lighthouse
mkdir -p "$out"
work=$(mktemp -d)
server=
cleanup() {
	[ -z "$server" ] || kill "$server" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

(cd scripts/lighthouse && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
lighthouse=$repo/scripts/lighthouse/node_modules/.bin/lighthouse

echo "== building $src" >&2
(cd "$src" && go run . build --out "$work/site" >/dev/null)

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
node scripts/lighthouse/serve.mjs "$work/site" "$port" &
server=$!
for _ in $(seq 50); do
	curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
	sleep 0.1
done

printf '%-40s %5s %6s %6s %6s %6s %6s %6s %5s\n' page score TBT FCP LCP SI TTI KB BI
for page in "${pages[@]}"; do
	name=$(echo "$page" | tr -c 'a-z0-9\n' '-' | sed 's/^-*//; s/-*$//')
	name=${name:-home}
	for run in $(seq "$runs"); do
		report=$out/$name-$run.json
		"$lighthouse" "http://127.0.0.1:$port$page" --quiet \
			--only-categories=performance --form-factor=mobile \
			--throttling.cpuSlowdownMultiplier="${CPU_SLOWDOWN:-4}" \
			--chrome-flags="--headless=new --no-sandbox --disable-gpu" \
			--output=json --output-path="$report" >/dev/null
		node scripts/lighthouse/report.mjs "$page (run $run)" "$report"
	done
done | tee "$work/lines"

echo
echo "median of $runs runs:"
awk '{ sub(/ \(run [0-9]+\)/, ""); score[$1] = score[$1] " " $2; tbt[$1] = tbt[$1] " " $3; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
function median(s,   a, k, i, j, t) { k = split(s, a, " "); for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t } return a[int((k + 1) / 2)] }
END { for (i = 1; i <= n; i++) printf "%-40s performance %3s  TBT %5s ms\n", order[i], median(score[order[i]]), median(tbt[order[i]]) }' "$work/lines"
