#!/usr/bin/env bash
# Times builds of synthetic projects with the compiled binary, beside the
# disk's floor and Hugo, on the same machine in the same run.
#
#   scripts/bench.sh                  # small
#   scripts/bench.sh large medium     # any of small, medium, large, grants, huge, plain
#   RUNS=7 scripts/bench.sh large     # runs per measurement (default 5)
#
# "grants" is large's 100,000 rows and 10,000 pages as a grant list (100,000
# grants to 10,000 recipients), read as kind = "grants". "huge" is a
# 1,000,000-row workbook (10,000 areas, 10 funds, 10 years).
# "plain" is the small project plus the very 10,000 markdown pages Hugo
# builds (in content/pages/), so the two tools are timed on the same pages.
#
# For each size it prints medians of RUNS runs of:
#   - a build from scratch (the previous output moved aside first);
#   - a rebuild with nothing changed;
#   - a rebuild after one cell of the workbook changed (synth --edit: a
#     status, or a grant's title; the next run changes it back);
#   - the floor: a plain program (scripts/floor) writing the same folders,
#     files and bytes, zeros rather than pages, to the same disk;
#   - Hugo building the equivalent site (but for plain): a page per area
#     with the same table of its figures, and its CSV beside it, generated
#     as markdown from the site's own data/allocations.csv (Debian's Hugo
#     0.111 has no data-driven pages);
# then the ratios to the build from scratch, and the site's size: files,
# bytes, and its area pages' median and largest sizes. Last, Hugo building
# 10,000 plain markdown pages, the anchor of the earlier benchmarks.
#
# Columns: wall time (and the range of wall times, as this machine's noise
# is large), CPU time (user+sys), peak memory (maximum resident set size,
# from /usr/bin/time -v), pages and rows per second.
# Projects and binaries go in bench/ (git-ignored).
#
# Outputs moved aside are deleted only when the script ends, so it needs
# free disk for RUNS copies of the largest output (about 0.6 GB each for
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

echo "building the binaries"
go build -trimpath -o "$work/fundsite" .
go build -trimpath -o "$work/floor" ./scripts/floor
go build -trimpath -o "$work/hugoequiv" ./scripts/hugoequiv

# measure PREP CMD...: runs PREP then CMD (timed) $runs times; sets wall,
# cpu, rss (medians), spread (the fastest and slowest wall times) and out
# (CMD's last stdout; its warnings and --timings go to bench/stderr.log, the
# last run's to bench/last-stderr.log). PREP is followed by sync, so the disk is not still
# busy with what PREP did while CMD is timed.
measure() {
	local prep=$1
	shift
	local walls=() cpus=() rsss=() t="$work/time.txt"
	for _ in $(seq "$runs"); do
		eval "$prep"
		sync
		out=$(/usr/bin/time -v -o "$t" "$@" 2>"$work/last-stderr.log")
		cat "$work/last-stderr.log" >>"$work/stderr.log"
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
row() { printf '%-22s %9s %13s %9s %9s %10s %10s\n' "$1" "$wall" "$spread" "$cpu" "$rss" "${2:+$(rate "$2" "$wall")}" "${3:+$(rate "$3" "$wall")}"; }

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

# site_size prints a built site's files and bytes, and its area pages'
# median and largest sizes.
site_size() {
	"$work/floor" --list --like "$1"
	find "$1/areas" -mindepth 2 -maxdepth 2 -name index.html -printf '%s\n' 2>/dev/null | sort -n |
		awk '{v[NR] = $1} END {if (NR) printf "area pages: %d, median %.1f KB, largest %.1f KB\n", NR, v[int((NR + 1) / 2)] / 1024, v[NR] / 1024}'
}

ratio() { awk -v a="$1" -v b="$2" -v what="$3" 'BEGIN {if (b > 0) printf "%s: %.2f\n", what, a / b}'; }

hugo_project
for size in "${sizes[@]}"; do
	dir=$work/$size
	# Always afresh: a project an older fundsite generated would time
	# something else.
	echo "generating the $size project"
	set_aside "$dir"
	if [ "$size" = plain ]; then
		"$work/fundsite" synth --size small --out "$dir" >/dev/null
		cp -R "$work/hugo/content/pages" "$dir/content/"
	else
		"$work/fundsite" synth --size "$size" --out "$dir" >/dev/null
	fi
	echo
	echo "== fundsite, $size ($runs runs, medians)"
	header
	measure "set_aside $dir/public" "$work/fundsite" build --timings --config "$dir/site.toml" --out "$dir/public"
	pages=$(sed -n 's/.* wrote \([0-9]*\) pages.*/\1/p' <<<"$out")
	rows=$(sed -n 's/.* \([0-9]*\) rows;.*/\1/p' <<<"$out")
	row "build ($pages pages)" "$pages" "$rows"
	echo "  where the last build's time went (--timings):"
	sed -n 's/^  /    /p' "$work/last-stderr.log"
	fresh=$wall fresh_cpu=$cpu
	eval "size_wall_$size=$fresh"
	measure ":" "$work/fundsite" build --config "$dir/site.toml" --out "$dir/public"
	row "rebuild, no change" "$pages" "$rows"
	nochange=$wall
	if [ "$size" != plain ]; then
		# Each run changes one cell of the site last built: on, off, on.
		edit=0
		measure 'edit=$((1 - edit)); if ((edit)); then "$work/fundsite" synth --size "$size" --edit --out "$dir"; else "$work/fundsite" synth --size "$size" --out "$dir"; fi >/dev/null' \
			"$work/fundsite" build --timings --config "$dir/site.toml" --out "$dir/public"
		row "rebuild, one cell" "$pages" "$rows"
		onecell=$wall
		echo "  where the last one-cell rebuild's time went (--timings):"
		sed -n 's/^  /    /p' "$work/last-stderr.log"
	fi
	measure "set_aside $work/floor-out; mkdir $work/floor-out" "$work/floor" --like "$dir/public" --out "$work/floor-out"
	row "floor (same files)"
	floor=$wall
	echo
	ratio "$nochange" "$fresh" "rebuild with nothing changed / build from scratch"
	[ "$size" = plain ] || ratio "$onecell" "$fresh" "rebuild after one cell / build from scratch"
	ratio "$fresh" "$floor" "build from scratch / the disk's floor"
	site_size "$dir/public"
	if [ "$size" != plain ] && command -v hugo >/dev/null; then
		rm -rf "$work/hugo-$size"
		"$work/hugoequiv" --site "$dir/public" --layouts "$work/hugo/layouts" --out "$work/hugo-$size"
		echo
		echo "== hugo $(hugo version | awk '{print $2}'), the same area pages as $size ($runs runs, medians)"
		header
		measure "set_aside $work/hugo-$size/public" hugo --quiet --source "$work/hugo-$size"
		row "build"
		echo
		ratio "$fresh" "$wall" "fundsite / hugo on the same area pages, wall time (below 1: fundsite is faster)"
		ratio "$fresh_cpu" "$cpu" "fundsite / hugo on the same area pages, CPU time"
	fi
done

if ! command -v hugo >/dev/null; then
	echo
	echo "hugo is not installed (apt-get install -y hugo); no comparison"
	exit 0
fi
echo
echo "== hugo $(hugo version | awk '{print $2}'), 10,000 plain markdown pages ($runs runs, medians)"
header
measure "set_aside $work/hugo/public" hugo --quiet --source "$work/hugo"
row "build (10000 pages)" 10000
hugo_wall=$wall
echo
for size in "${sizes[@]}"; do
	w=$(eval echo "\$size_wall_$size")
	ratio "$w" "$hugo_wall" "fundsite $size / hugo's 10,000 plain pages, wall time"
done
