// Command fundsite turns funding workbooks and markdown narratives into a
// static website. Run "go run . build" in a project folder.
package main

import (
	"context"
	_ "embed" // netlify.toml
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"fundsite/generator/diag"
	"fundsite/generator/example"
	"fundsite/generator/pipeline"
	"fundsite/generator/publish"
	"fundsite/generator/scaffold"
	"fundsite/generator/serve"
	"fundsite/generator/synth"
	"fundsite/themes"
)

// netlifyConfig is this project's netlify.toml, which "new" adapts for a
// new project so both keep the same headers and Go version.
//
//go:embed netlify.toml
var netlifyConfig []byte

const usage = `fundsite builds a funding website from workbooks and markdown.

Usage:
  fundsite new DIR                                     start a new site in DIR: settings, a template workbook, a home page
  fundsite build [--config site.toml] [--out public] [--previous FILE] [--fetch-previous] [--timings]
                                                       build the site into --out
  fundsite check [--config site.toml]                  read and validate everything; write nothing
  fundsite serve [--config site.toml] [--port 1313] [--bind 127.0.0.1]
                                                       preview the site; rebuild and reload on every save
  fundsite example-data [--out data/adult-social-care.xlsx]
                                                       regenerate the example workbook

build and check list the published figures that change, compared with the
last build's --out/data/figures.json (or --previous FILE). Where neither is
on disk (a fresh checkout on Netlify), --fetch-previous fetches the one the
live site published, at base_url + data/figures.json.
`

func main() {
	os.Exit(runUntilStopped(os.Args[1:], os.Stdout, os.Stderr))
}

// stopGrace is how long a build or check has to wind down by itself after
// Ctrl-C or SIGTERM before it is abandoned.
const stopGrace = 300 * time.Millisecond

// runUntilStopped runs a command, honouring Ctrl-C and SIGTERM within a
// second whatever the command is doing (reading a huge workbook, writing
// pages): the command is told to stop, and a build or check that has not
// ended a moment later is abandoned, its staging folder deleted, so the
// site published before stays as it was and nothing is left behind.
// serve tidies up after itself and is left to end by itself.
func runUntilStopped(args []string, stdout, stderr io.Writer) int {
	ctx, stop := notifyStop()
	defer stop()
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, stdout, stderr) }()
	select {
	case code := <-done:
		return code
	case <-ctx.Done():
	}
	if len(args) > 0 && args[0] == "serve" {
		return <-done
	}
	select {
	case code := <-done:
		return code
	case <-time.After(stopGrace):
	}
	publish.Abandon()
	return reportStop(ctx, args[0], stderr)
}

// stopSignal is why a command was told to stop: the signal fundsite received.
type stopSignal struct{ os.Signal }

func (s stopSignal) Error() string {
	if s.Signal == os.Interrupt {
		return "fundsite received Ctrl-C (SIGINT)"
	}
	if sig, ok := s.Signal.(syscall.Signal); ok && sig == syscall.SIGTERM {
		return "fundsite received SIGTERM"
	}
	return "fundsite received the signal " + s.Signal.String()
}

// notifyStop is a context cancelled on Ctrl-C or SIGTERM, whose cause
// (context.Cause) is the stopSignal, so that the message can say which.
func notifyStop() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-signals:
			cancel(stopSignal{sig})
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(signals)
		cancel(nil)
	}
}

// stopped reports whether ctx was cancelled by a signal, and which.
func stopped(ctx context.Context) (stopSignal, bool) {
	var sig stopSignal
	return sig, errors.As(context.Cause(ctx), &sig)
}

// reportStop says in a sentence that cmd was stopped by a signal, rather
// than the "context canceled" the stop made of its error, and returns
// the shell's status for that signal (128 + its number).
func reportStop(ctx context.Context, cmd string, stderr io.Writer) int {
	sig, _ := stopped(ctx)
	consequence := "the published site was left as it was"
	if cmd != "build" {
		consequence = "nothing was written"
	}
	fmt.Fprintf(stderr, "%s stopped: %v; %s.\n", cmd, sig, consequence)
	if n, ok := sig.Signal.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 130
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	if cmd == "synth" { // for benchmarks; not in the usage on purpose
		return runSynth(rest, stdout, stderr)
	}
	if cmd == "new" {
		return runNew(rest, stdout, stderr)
	}
	flags := flag.NewFlagSet(cmd, flag.ContinueOnError)
	flags.SetOutput(stderr)
	configPath := flags.String("config", "site.toml", "the site's configuration file")
	out := flags.String("out", "public", "the folder to publish the site into")
	previous := flags.String("previous", "", "the last build's data/figures.json, to list what changed (default: the one in --out)")
	fetchPrevious := flags.Bool("fetch-previous", false, "with no previous build on disk, fetch the live site's data/figures.json from base_url")
	timings := flags.Bool("timings", false, "print how long each step of the build took")
	if cmd == "example-data" {
		*out = example.WorkbookName
	}
	var port *int
	var bind *string
	if cmd == "serve" {
		port = flags.Int("port", 1313, "the port to serve the preview on")
		bind = flags.String("bind", "127.0.0.1", "the address to serve on; 127.0.0.1 keeps the preview on this computer")
	}
	if err := flags.Parse(rest); err != nil {
		return 2
	}
	if !isSet(flags, "out") && cmd != "example-data" {
		// The site is built beside its settings, so --config is enough
		// to build a project in another folder.
		*out = filepath.Join(filepath.Dir(*configPath), "public")
	}
	opts := pipeline.Options{ConfigPath: *configPath, OutDir: *out, DefaultTheme: themes.Default(), Previous: *previous, FetchPrevious: *fetchPrevious}
	switch cmd {
	case "build":
		res, err := pipeline.Build(ctx, opts)
		printTimings(stderr, res, *timings)
		if _, ok := stopped(ctx); ok && err != nil {
			return reportStop(ctx, cmd, stderr)
		}
		return report(stdout, stderr, res, err, "published to "+*out)
	case "check":
		res, err := pipeline.Check(ctx, opts)
		printTimings(stderr, res, *timings)
		if _, ok := stopped(ctx); ok && err != nil {
			return reportStop(ctx, cmd, stderr)
		}
		return report(stdout, stderr, res, err, "no problems found, nothing written")
	case "serve":
		return preview(ctx, opts, net.JoinHostPort(*bind, strconv.Itoa(*port)), stdout, stderr)
	case "example-data":
		if err := example.Write(*out); err != nil {
			fmt.Fprintln(stderr, "fundsite:", err)
			return 1
		}
		fmt.Fprintln(stdout, "wrote", *out)
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "fundsite: unknown command %q\n\n%s", cmd, usage)
	return 2
}

func isSet(flags *flag.FlagSet, name string) bool {
	set := false
	flags.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// runNew writes a new project: "fundsite new my-site".
func runNew(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("new", flag.ContinueOnError)
	flags.SetOutput(stderr)
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() != 1 {
		fmt.Fprintln(stderr, "fundsite new: name the folder for the new site, as in: fundsite new my-site")
		return 2
	}
	dir := flags.Arg(0)
	err := scaffold.Write(dir, scaffold.Options{Netlify: netlifyConfig, DataAsAt: time.Now().Format(time.DateOnly)})
	if err != nil {
		fmt.Fprintln(stderr, "fundsite new:", err)
		return 1
	}
	config := shellQuote(filepath.Join(dir, "site.toml"))
	fmt.Fprintf(stdout, `Wrote a new site in %s: site.toml, %s, content/_index.md, netlify.toml and .gitignore.
Build it into %s:  fundsite build --config %s
Preview it:  fundsite serve --config %s
(From the fundsite folder, "go run ." does what "fundsite" does.)
Then replace the example rows in the workbook with your own.
`, dir, scaffold.WorkbookName, filepath.Join(dir, "public"), config, config)
	return 0
}

// shellQuote writes a path so that a command copied from fundsite's
// advice into a shell gets it as one argument: a folder named
// "Funding site" split in two, and "$" or "'" would be read by the shell.
func shellQuote(s string) string {
	safe := s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+:,@%=", r))
	}) < 0
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// preview serves the site until ctx is cancelled (Ctrl-C).
func preview(ctx context.Context, opts pipeline.Options, addr string, stdout, stderr io.Writer) int {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintln(stderr, "fundsite:", err)
		if errors.Is(err, syscall.EADDRINUSE) {
			fmt.Fprintln(stderr, "Is a preview already running? Use it, or start another with --port 1314.")
		}
		return 1
	}
	err = serve.Run(ctx, ln, serve.Options{Build: opts, Stdout: stdout, Stderr: stderr})
	if err != nil {
		fmt.Fprintln(stderr, "fundsite:", err)
		return 1
	}
	return 0
}

// report prints warnings, then either the errors or a one-line summary.
func report(stdout, stderr io.Writer, res *pipeline.Result, err error, done string) int {
	var failure *diag.Failure
	if res != nil && res.Problems != nil && !errors.As(err, &failure) {
		fmt.Fprint(stderr, res.Problems.Report(20))
	}
	if err != nil {
		fmt.Fprintln(stderr, "fundsite:", err)
		fmt.Fprintln(stderr, "Nothing was published; the previous site is unchanged.")
		return 1
	}
	fmt.Fprintf(stdout, "%s; %s\n", res, done)
	printChanges(stdout, res)
	return 0
}

// printTimings shows how long each step of a build took, when asked: where
// a national site's build spends its time.
func printTimings(w io.Writer, res *pipeline.Result, asked bool) {
	if !asked || res == nil || len(res.Phases) == 0 {
		return
	}
	fmt.Fprintln(w, "timings:")
	for _, p := range res.Phases {
		fmt.Fprintf(w, "  %-48s %8.2f s\n", p.Name, p.Took.Seconds())
	}
}

// printChanges shows the comms team which published figures this build
// changes, before (check) or as (build) it publishes them.
func printChanges(w io.Writer, res *pipeline.Result) {
	if res.Fetched != "" {
		fmt.Fprintln(w, "Compared with the figures the live site published at", res.Fetched)
	}
	switch {
	case res.First:
		fmt.Fprintln(w, "No previous build to compare with: this is the first publication.")
	case len(res.Changes) == 0:
		fmt.Fprintln(w, "No published figure changes.")
	default:
		fmt.Fprintf(w, "%d published figure(s) change:\n", len(res.Changes))
		for _, c := range res.Changes {
			fmt.Fprintln(w, "  "+c.String())
		}
	}
}

// runSynth writes a synthetic project for benchmarks (scripts/bench.sh):
// "fundsite synth --size large --out bench/large" or explicit counts.
func runSynth(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("synth", flag.ContinueOnError)
	flags.SetOutput(stderr)
	size := flags.String("size", "", "small, medium, large, grants or huge (sets the counts)")
	opts := synth.Options{}
	flags.IntVar(&opts.Areas, "areas", 42, "number of areas")
	flags.IntVar(&opts.Funds, "funds", 1, "number of funds")
	flags.IntVar(&opts.Years, "years", 2, "number of financial years")
	flags.IntVar(&opts.Grants, "grants", 0, "a grant list of this many grants to the areas as recipients")
	flags.Uint64Var(&opts.Seed, "seed", 1, "seed for the made-up data")
	flags.BoolVar(&opts.Edit, "edit", false, "change one cell of the workbook, to time the rebuild it causes")
	out := flags.String("out", "", "the project folder to write")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if *size != "" {
		sized, ok := synth.SizeNamed(*size)
		if !ok {
			fmt.Fprintf(stderr, "fundsite synth: unknown size %q\n", *size)
			return 2
		}
		opts.Areas, opts.Funds, opts.Years, opts.Grants = sized.Areas, sized.Funds, sized.Years, sized.Grants
	}
	if *out == "" {
		fmt.Fprintln(stderr, "fundsite synth: --out is required")
		return 2
	}
	if err := synth.Write(*out, opts); err != nil {
		fmt.Fprintln(stderr, "fundsite synth:", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s: %d areas, %d funds, %d years, %d rows\n", *out, opts.Areas, opts.Funds, opts.Years, opts.Rows())
	return 0
}
