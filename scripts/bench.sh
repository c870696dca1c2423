#!/usr/bin/env bash
# Times full builds of synthetic projects with the compiled binary, and Hugo
# building 10,000 plain markdown pages on the same machine in the same run.
#
#   scripts/bench.sh                  # small
#   scripts/bench.sh medium large     # any of small, medium, large, grants, plain
#   RUNS=7 scripts/bench.sh large     # runs per measurement (default 5)
#
# "grants" is large's 100,000 rows and 10,000 pages as a grant list (100,000
# grants to 10,000 recipients), read as kind = "grants".
# "plain" is the small project plus the very 10,000 markdown pages Hugo
# builds (in content/pages/), so the two tools are timed on the same pages.
#
# Prints medians of RUNS runs: wall time (and the range of wall times, as
# this machine's noise is large), CPU time (user+sys), peak memory (maximum
# resident set size, from /usr/bin/time -v), pages and rows per second.
# Each run builds from scratch (the previous output is moved aside first);
# "rebuild" rows build again over the previous output with nothing changed.
# Projects and binaries go in bench/ (git-ignored).
#
# Outputs moved aside are deleted only when the script ends, so it needs
# free disk for RUNS copies of the largest output (about 1.3 GB each for
# large). Deleting them before each run skewed the timing: ext4 without a
# journal (this project's machine) will not reuse an inode freed in the last
# 30 seconds, and looks at every free inode in a group for one it may. A
# large build creating 30,000 files just after deleting 30,000 spent over a
# quarter of its CPU time in that search (perf: recently_deleted, under
# __ext4_new_inode), and the more files a tool writes the more it paid.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(small)
work=bench
trash=$work/trash
mkdir -p "$work"
if [ -e "$trash" ]; then # left by a run that was killed
	rm -rf "$trash"
	sleep 31
fi
trap 'rm -rf "$trash"' EXIT

# set_aside moves a folder out of the way, for deleting when the script
# ends (see above).
set_aside() {
	[ -e "$1" ] || return 0
	mkdir -p "$trash"
	mv "$1" "$(mktemp -d "$trash/XXXXXX")/"
}

if [ ! -x /usr/bin/time ]; then
	echo "bench.sh needs GNU time: apt-get install -y time" >&2
	exit 1
fi

echo "building the binary"
go build -trimpath -o "$work/fundsite" .

# measure PREP CMD...: runs PREP then CMD (timed) $runs times; sets wall,
# cpu, rss (medians), spread (the fastest and slowest wall times) and out
# (CMD's last stdout). PREP is followed by sync, so the disk is not still
# busy with what PREP did while CMD is timed.
measure() {
	local prep=$1
	shift
	local walls=() cpus=() rsss=() t="$work/time.txt"
	for _ in $(seq "$runs"); do
		eval "$prep"
		sync
		out=$(/usr/bin/time -v -o "$t" "$@")
		walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$t")")
		cpus+=("$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$t")")
		rsss+=("$(awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$t")")
	done
	wall=$(median "${walls[@]}")
	spread=$(printf '%s\n' "${walls[@]}" | sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {print lo "-" hi}')
	cpu=$(median "${cpus[@]}")
	rss=$(median "${rsss[@]}")
}

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN {if (t > 0) printf "%.0f", n / t; else print "-"}'; }

header() { printf '%-22s %9s %13s %9s %9s %10s %10s\n' "" "wall (s)" "wall range" "CPU (s)" "peak MB" "pages/s" "rows/s"; }
row() { printf '%-22s %9s %13s %9s %9s %10s %10s\n' "$1" "$wall" "$spread" "$cpu" "$rss" "$(rate "$2" "$wall")" "${3:+$(rate "$3" "$wall")}"; }

# hugo_project makes 10,000 plain markdown pages and a minimal layout.
hugo_project() {
	local dir=$work/hugo
	[ -f "$dir/hugo.toml" ] && return
	mkdir -p "$dir/content/pages" "$dir/layouts/_default"
	cat >"$dir/hugo.toml" <<-'EOF'
		baseURL = "https://hugo.example/"
		title = "Hugo baseline"
		disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
	EOF
	printf '%s\n' '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>' \
		'<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>' >"$dir/layouts/_default/single.html"
	printf '%s\n' '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>' \
		'<body><main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main></body></html>' >"$dir/layouts/_default/list.html"
	awk -v dir="$dir/content/pages" 'BEGIN {
		for (i = 1; i <= 10000; i++) {
			f = dir "/page-" i ".md"
			printf "+++\ntitle = \"Page %d\"\n+++\n\n## About page %d\n\n", i, i >f
			printf "This is page **%d** of ten thousand plain markdown pages, the baseline\n", i >f
			printf "for timing fundsite. It has a [link](/pages/page-1/), some *emphasis*\nand a list:\n\n" >f
			printf "- the first item, for page %d;\n- the second item;\n- the third item.\n\n", i >f
			printf "A second paragraph, so the page is not trivially short, with text a\n" >f
			printf "resident might read about how much money went where and why.\n" >f
			close(f)
		}
	}'
}

for size in "${sizes[@]}"; do
	dir=$work/$size
	# Always afresh: a project an older fundsite generated would time
	# something else.
	echo "generating the $size project"
	set_aside "$dir"
	if [ "$size" = plain ]; then
		"$work/fundsite" synth --size small --out "$dir"
		hugo_project
		cp -R "$work/hugo/content/pages" "$dir/content/"
	else
		"$work/fundsite" synth --size "$size" --out "$dir"
	fi
	echo
	echo "== fundsite, $size ($runs runs, medians)"
	header
	measure "set_aside $dir/public" "$work/fundsite" build --config "$dir/site.toml" --out "$dir/public"
	pages=$(sed -n 's/.* wrote \([0-9]*\) pages.*/\1/p' <<<"$out")
	rows=$(sed -n 's/.* \([0-9]*\) rows;.*/\1/p' <<<"$out")
	row "build ($pages pages)" "$pages" "$rows"
	eval "size_wall_$size=$wall" # the ratio is of builds from scratch
	measure ":" "$work/fundsite" build --config "$dir/site.toml" --out "$dir/public"
	row "rebuild, no change" "$pages" "$rows"
done

if ! command -v hugo >/dev/null; then
	echo
	echo "hugo is not installed (apt-get install -y hugo); no comparison"
	exit 0
fi
hugo_project
echo
echo "== hugo $(hugo version | awk '{print $2}'), 10,000 plain markdown pages ($runs runs, medians)"
header
measure "set_aside $work/hugo/public" hugo --quiet --source "$work/hugo"
row "build (10000 pages)" 10000
hugo_wall=$wall
echo
for size in "${sizes[@]}"; do
	w=$(eval echo "\$size_wall_$size")
	awk -v s="$size" -v f="$w" -v h="$hugo_wall" 'BEGIN {printf "fundsite %s / hugo wall time: %.2f (below 1 means fundsite is faster)\n", s, f / h}'
done
