// dockerfile-lint runs Docker's build checks (the rules of `docker build --check`) on Dockerfiles
// without a Docker engine or BuildKit daemon. See README.md.
//
//	dockerfile-lint FILE...
//
// Prints one line per finding, `FILE:LINE: RuleName: message`, files in the order given, each by line.
// Exit status: 0 clean, 1 findings, 2 usage error (no files, an option, a file that cannot be read).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"

	"github.com/containerd/platforms"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/solver/pb"
	"github.com/moby/buildkit/util/system"
	dockerspec "github.com/moby/docker-image-spec/specs-go/v1"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

const usage = "usage: dockerfile-lint FILE..."

type finding struct {
	file string
	line int
	rule string
	msg  string
}

func main() {
	files := os.Args[1:]
	if len(files) == 0 {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	for _, f := range files {
		if strings.HasPrefix(f, "-") {
			fmt.Fprintf(os.Stderr, "dockerfile-lint: unknown option %s (a file of that name: ./%s)\n%s\n", f, f, usage)
			os.Exit(2)
		}
	}

	var all []finding
	for _, file := range files {
		dt, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintf(os.Stderr, "dockerfile-lint: %v\n", err)
			os.Exit(2)
		}
		found, err := lintFile(file, dt)
		if err != nil {
			fmt.Fprintf(os.Stderr, "dockerfile-lint: %s: %v\n", file, err)
			os.Exit(2)
		}
		all = append(all, found...)
	}
	for _, f := range all {
		fmt.Printf("%s:%d: %s: %s\n", f.file, f.line, f.rule, f.msg)
	}
	if len(all) > 0 {
		os.Exit(1)
	}
}

// lintFile runs DockerfileLint, the function behind BuildKit's `frontend.lint` subrequest that
// `docker build --check` sends. Calling it, rather than only instructions.Parse with a linter, also
// gets the rules that BuildKit checks while converting to LLB (UndefinedVar, SecretsUsedInArgOrEnv,
// JSONArgsRecommended, WorkdirRelativePath, DuplicateStageName, ...). It never builds anything; the
// only thing it would fetch is each base image's config, which offlineImages answers instead.
func lintFile(file string, dt []byte) ([]finding, error) {
	// Docker builds for Linux whatever the host runs, so pretend the same; the architecture only
	// shows in TARGETARCH and friends.
	platform := platforms.Normalize(ocispecs.Platform{OS: "linux", Architecture: runtime.GOARCH})
	source := llb.NewSourceMap(nil, file, "Dockerfile", dt)
	// DockerfileLint copies the source into its results and expects an LLB definition of the build
	// context with it; an empty one will do, nothing reads it.
	source.Definition = &llb.Definition{}
	results, err := dockerfile2llb.DockerfileLint(context.Background(), dt, dockerfile2llb.ConvertOpt{
		Config:       dockerui.Config{BuildPlatforms: []ocispecs.Platform{platform}},
		SourceMap:    source,
		MetaResolver: offlineImages{},
	})
	if err != nil {
		return nil, err
	}
	found := make([]finding, 0, len(results.Warnings)+1)
	for _, w := range results.Warnings {
		found = append(found, finding{file, firstLine(w.Location), w.RuleName, oneLine(w.Detail)})
	}
	// A Dockerfile BuildKit cannot even read (unknown instruction, bad flag, empty file) is a finding
	// too; `docker build --check` reports it as an error after the warnings.
	if e := results.Error; e != nil {
		found = append(found, finding{file, firstLine(&e.Location), "BuildError", oneLine(e.Message)})
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].line < found[j].line })
	return found, nil
}

// firstLine is the 1-based line where a finding starts. Everything BuildKit reports today has a
// location; should one come without, line 1 keeps FILE:LINE usable for editors that jump to it.
func firstLine(loc *pb.Location) int {
	if loc == nil || len(loc.Ranges) == 0 || loc.Ranges[0].Start == nil || loc.Ranges[0].Start.Line < 1 {
		return 1
	}
	return int(loc.Ranges[0].Start.Line)
}

// oneLine keeps the output at one line per finding (some BuildKit errors wrap their cause on a new
// line).
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// offlineImages stands in for a registry: every base image "exists", has one layer (so it is not
// treated as scratch), matches the platform asked for, and sets only PATH.
//
// What this costs, compared with `docker build --check` on a machine that can pull:
//   - UndefinedVar cannot know the base image's ENV, so a variable that only the base image defines
//     (NODE_VERSION in node:*, say) is reported. Declare it with ARG, or skip the rule with the
//     `# check=skip=UndefinedVar` directive, which BuildKit honours here as in docker build.
//   - InvalidBaseImagePlatform never fires: the platform of the image is whatever was asked for.
//   - CopyIgnoredFile never fires: it reads .dockerignore through a build context, which needs a
//     BuildKit client session.
type offlineImages struct{}

func (offlineImages) ResolveImageConfig(_ context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	p := platforms.DefaultSpec()
	if opt.ImageOpt != nil && opt.ImageOpt.Platform != nil {
		p = *opt.ImageOpt.Platform
	}
	var img dockerspec.DockerOCIImage
	img.Platform = p
	img.RootFS.Type = "layers"
	img.RootFS.DiffIDs = []digest.Digest{digest.FromString(ref)}
	img.Config.Env = []string{"PATH=" + system.DefaultPathEnv(p.OS)}
	dt, err := json.Marshal(img)
	return ref, "", dt, err
}
