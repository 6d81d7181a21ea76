// Command server runs Guildhall: `go run ./server`. With no configuration it starts the
// embedded database under ./data, loads the demo content on first start, and serves the
// GraphQL API and the Playground on :8080. See the README for the configuration.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/guildhall/guildhall/app"
)

func main() {
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
