package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"syscall"

	"github.com/guildhall/guildhall/embedded"
	"github.com/guildhall/guildhall/mongodb"
)

// listenError says why the HTTP address could not be had and what to do about it.
func listenError(addr string, err error) error {
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf("the address %s is in use: another program (perhaps another Guildhall) listens on it; stop it, or choose another address with GUILDHALL_ADDR or -addr", addr)
	case errors.Is(err, syscall.EACCES):
		return fmt.Errorf("not allowed to listen on %s: ports below 1024 need privileges; choose a port above 1023 with GUILDHALL_ADDR or -addr", addr)
	}
	var addrErr *net.AddrError
	if errors.As(err, &addrErr) {
		return fmt.Errorf("GUILDHALL_ADDR %q is not a listen address (want host:port, such as :8080 or 127.0.0.1:8080): %v", addr, addrErr.Err)
	}
	return fmt.Errorf("cannot listen on %s (GUILDHALL_ADDR or -addr): %w", addr, err)
}

// databaseError explains a failure to read the database at start. A damaged file of the
// embedded database may open and fail only when read; it gets the message that says which
// file and how to restore it.
func (a *App) databaseError(err error) error {
	if a.embedded == nil || !embedded.IsDamage(err) {
		return err
	}
	file, cause := embedded.FindDamaged(a.embedded.Dir())
	if file == "" {
		file, cause = a.embedded.Dir()+"/"+a.cfg.Database+".sqlite", err.Error()
	}
	return embedded.DamagedError(file, cause)
}

// openStore connects to the database, waiting five times the call timeout for it to answer.
func openStore(ctx context.Context, cfg Config, uri string) (*mongodb.Store, error) {
	timeout := cmp.Or(cfg.DBTimeout, mongodb.DefaultTimeout)
	wctx, cancel := context.WithTimeout(ctx, 5*timeout)
	defer cancel()
	s, err := mongodb.Open(wctx, uri, cfg.Database)
	if err != nil {
		return nil, err
	}
	s.Timeout, s.Failpoint = timeout, cfg.Failpoint
	if cfg.ChangeLog != "" {
		s.ChangeLog = cfg.ChangeLog
	}
	return s, nil
}
