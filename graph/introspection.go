package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/guildhall/guildhall"
)

// staffIntrospection opens the schema (__schema, __type) to everyone outside production, and
// in production to EDITOR and ADMIN credentials only, so that the people who author keep the
// Playground's docs and completion while strangers cannot map the API. An operation that asks
// anyway is refused before it runs, with the contract's codes: UNAUTHENTICATED without a
// credential, FORBIDDEN with one (as for any staff-only operation).
type staffIntrospection struct{ production bool }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = staffIntrospection{}

func (staffIntrospection) ExtensionName() string                          { return "StaffIntrospection" }
func (staffIntrospection) Validate(schema graphql.ExecutableSchema) error { return nil }

func (s staffIntrospection) MutateOperationContext(ctx context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	v := guildhall.ViewerFrom(ctx)
	if !s.production || v.IsStaff() {
		rc.DisableIntrospection = false
		return nil
	}
	op := rc.Doc.Operations.ForName(rc.OperationName)
	if op == nil || !introspects(op.SelectionSet, map[string]bool{}) {
		return nil
	}
	code := codeForbidden
	if v.Role == guildhall.RoleAnonymous {
		code = codeUnauth
	}
	err := gqlerror.Errorf("The schema is open to EDITOR and ADMIN credentials in production; send one as Authorization: Bearer <token>.")
	err.Extensions = map[string]any{"code": code}
	return err
}

// introspects reports whether the selection asks for __schema or __type, directly or through
// fragments (each named fragment looked at once).
func introspects(set ast.SelectionSet, seen map[string]bool) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" || introspects(s.SelectionSet, seen) {
				return true
			}
		case *ast.InlineFragment:
			if introspects(s.SelectionSet, seen) {
				return true
			}
		case *ast.FragmentSpread:
			if !seen[s.Name] && s.Definition != nil {
				seen[s.Name] = true
				if introspects(s.Definition.SelectionSet, seen) {
					return true
				}
			}
		}
	}
	return false
}

// rulesWithoutSuggestions is gqlparser's validation with every rule that would answer "Did
// you mean ...?" (fields, arguments, types, enum values, input fields, selections) replaced
// by its variant without: in production a wrong guess must not reveal the names beside it.
// (gqlgen's SetDisableSuggestion replaces only the field and selection rules.)
func rulesWithoutSuggestions() *rules.Rules {
	r := rules.NewDefaultRules()
	for _, swap := range []struct {
		old     string
		without core.Rule
	}{
		{rules.FieldsOnCorrectTypeRule.Name, rules.FieldsOnCorrectTypeRuleWithoutSuggestions},
		{rules.KnownArgumentNamesRule.Name, rules.KnownArgumentNamesRuleWithoutSuggestions},
		{rules.KnownTypeNamesRule.Name, rules.KnownTypeNamesRuleWithoutSuggestions},
		{rules.ScalarLeafsRule.Name, rules.ScalarLeafsRuleWithoutSuggestions},
		{rules.ValuesOfCorrectTypeRule.Name, rules.ValuesOfCorrectTypeRuleWithoutSuggestions},
	} {
		r.RemoveRule(swap.old)
		r.AddRule(swap.without.Name, swap.without.RuleFunc)
	}
	return r
}
