// Command server runs Guildhall: `go run ./server`. With no configuration it starts the
// embedded database under ./data, loads the demo content on first start, and serves the
// GraphQL API and the Playground on :8080. See the README for the configuration.
//
// `go run ./server token create --role ADMIN` prints a new API token made directly in the
// configured database: the way to bootstrap the first administrator without any default
// password. `go run ./server import wordpress|feed|members SOURCE` imports content (see the
// README's "Moving in"); `export DIR` and `restore DIR` back the database up and load it back
// ("Backups").
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/app"
)

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "token":
			os.Exit(tokenCommand(os.Args[2:], os.Stdout, os.Stderr))
		case "import", "export", "restore":
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			var code int
			if os.Args[1] == "import" {
				code = importCommand(ctx, os.Args[2:], os.Stdout, os.Stderr)
			} else {
				code = backupCommand(ctx, os.Args[1], os.Args[2:], os.Stdout, os.Stderr)
			}
			stop()
			os.Exit(code)
		}
	}
	cfg, err := app.ParseConfig(os.Getenv, os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "guildhall: configuration:", err)
		os.Exit(2)
	}
	log := cfg.Logger(os.Stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := app.Run(ctx, cfg, log); err != nil {
		log.Error("guildhall stopped with an error", "err", err)
		os.Exit(1)
	}
}

const tokenUsage = `usage: server token create --role ROLE [--name NAME] [--member MEMBER_ID] [--scope SCOPE] [--expires DURATION]

Makes an API token in the configured database (MONGODB_URI, or the embedded database in
GUILDHALL_DATA_DIR) and prints it. The secret is shown only here.
`

func tokenCommand(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprint(stderr, tokenUsage)
		return 2
	}
	fs := flag.NewFlagSet("token create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	role := fs.String("role", "", "MEMBER, AUTHOR, EDITOR or ADMIN")
	name := fs.String("name", "", "what the token is for (default: \"<role> token from the command line\")")
	member := fs.String("member", "", "member ID the token acts as (MEMBER and AUTHOR)")
	scope := fs.String("scope", "", "comma-separated scopes, e.g. membership")
	expires := fs.Duration("expires", 0, "lifetime, e.g. 720h (default: no expiry)")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	cfg, err := app.ParseConfig(os.Getenv, nil)
	if err != nil {
		fmt.Fprintln(stderr, "guildhall: configuration:", err)
		return 2
	}
	in := guildhall.CreateApiTokenInput{Name: *name, Role: guildhall.Role(strings.ToUpper(*role))}
	if in.Name == "" {
		in.Name = string(in.Role) + " token from the command line"
	}
	if *member != "" {
		in.MemberID = member
	}
	for _, s := range strings.Split(*scope, ",") {
		if s = strings.TrimSpace(s); s != "" {
			in.Scopes = append(in.Scopes, s)
		}
	}
	if *expires > 0 {
		at := time.Now().Add(*expires)
		in.ExpiresAt = &at
	}
	created, err := app.CreateToken(context.Background(), cfg, cfg.Logger(stderr), in)
	if err != nil {
		fmt.Fprintln(stderr, "guildhall: token create:", guildhall.ErrorMessage(err), fieldProblems(err))
		return 1
	}
	fmt.Fprintf(stderr, "Created %s token %s (%s). Keep it secret; it is not shown again.\n", in.Role, created.APIToken.ID, in.Name)
	fmt.Fprintln(stdout, created.Token)
	return 0
}

func fieldProblems(err error) string {
	if e, ok := err.(*guildhall.Error); ok && len(e.Fields) > 0 {
		return fmt.Sprint(e.Fields)
	}
	if guildhall.ErrorCode(err) == guildhall.EINTERNAL {
		return err.Error()
	}
	return ""
}
