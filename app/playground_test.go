package app_test

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// The Playground opens with a tab per common task, and every operation of every tab runs as
// it stands, with its own variables (IDs filled in as the comments tell a person to): a task
// tab that drifted from the schema fails here.
func TestPlaygroundTabsRun(t *testing.T) {
	s := MustRunServer(t)
	res, err := http.Get(s.URL + "/playground")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := regexp.MustCompile(`(?s)<script type="application/json" id="config">(.*?)</script>`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("no config in the page")
	}
	var cfg struct {
		Tabs                        []struct{ Query, Variables, Headers string }
		TokenPlaceholder, TokenHint string
	}
	if err := json.Unmarshal(m[1], &cfg); err != nil {
		t.Fatal(err)
	}

	type op struct {
		tab     int
		name    string
		vars    []string
		headers string
	}
	ops := map[string]op{}
	var order []string
	tabVars := make([]map[string]any, len(cfg.Tabs))
	for i, tab := range cfg.Tabs {
		doc, err := parser.ParseQuery(&ast.Source{Input: tab.Query})
		if err != nil {
			t.Fatalf("tab %d does not parse: %v", i, err)
		}
		if tab.Variables != "" {
			if err := json.Unmarshal([]byte(tab.Variables), &tabVars[i]); err != nil {
				t.Fatalf("tab %d's variables: %v", i, err)
			}
		}
		if !strings.HasPrefix(strings.TrimSpace(tab.Query), "#") {
			t.Errorf("tab %d does not start with a comment saying what it is for", i)
		}
		for _, o := range doc.Operations {
			var vars []string
			for _, v := range o.VariableDefinitions {
				vars = append(vars, v.Variable)
				if _, ok := tabVars[i][v.Variable]; !ok {
					t.Errorf("tab %d, %s: variable $%s is not in the tab's variables", i, o.Name, v.Variable)
				}
			}
			ops[o.Name] = op{tab: i, name: o.Name, vars: vars, headers: tab.Headers}
			order = append(order, o.Name)
		}
	}
	for _, first := range []string{"FrontPage", "FindMember", "WritePost", "PublishOrSchedule", "RenewMembership"} {
		if ops[first].name == "" {
			t.Fatalf("no tab for %s; tabs' operations: %v", first, order)
		}
	}
	for name, o := range ops {
		writes := strings.Contains(o.headers, cfg.TokenPlaceholder)
		if wantToken := slices.Contains([]string{"WritePost", "CreateRelatedInfo", "PublishOrSchedule", "RenewMembership"}, name); wantToken && !writes {
			t.Errorf("%s's headers %s do not show where the token goes", name, o.headers)
		}
	}
	if cfg.TokenPlaceholder == "" || !strings.Contains(cfg.TokenHint, cfg.TokenPlaceholder) {
		t.Errorf("placeholder %q, hint %q", cfg.TokenPlaceholder, cfg.TokenHint)
	}

	ran := map[string]bool{}
	run := func(name, token string, set map[string]any) map[string]any {
		t.Helper()
		o := ops[name]
		vars := map[string]any{}
		for _, v := range o.vars {
			vars[v] = tabVars[o.tab][v]
		}
		for k, v := range set {
			vars[k] = v
		}
		body, _ := json.Marshal(map[string]any{"query": cfg.Tabs[o.tab].Query, "operationName": name, "variables": vars})
		req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		r := s.do(req)
		if len(r.Errors) > 0 || r.Status != http.StatusOK {
			t.Fatalf("%s: status %d, errors %+v", name, r.Status, r.Errors)
		}
		ran[name] = true
		return r.Data
	}

	if d := run("FrontPage", "", nil); num(d, "posts.totalCount") == 0 {
		t.Errorf("FrontPage found no posts: %v", d)
	}
	member := str(run("FindMember", "", nil), "members.nodes.0.id")
	if member == "" {
		t.Fatal("FindMember found nobody with its own variables")
	}
	run("Me", adminToken, nil)
	block := str(run("CreateRelatedInfo", adminToken, nil), "createBlock.id")
	run("RelatedInfo", adminToken, nil)
	post := run("WritePost", adminToken, map[string]any{"authorId": member, "blockIds": []string{block}})
	id := str(post, "createPost.id")
	if str(post, "createPost.status") != "DRAFT" || !strings.Contains(str(post, "createPost.body.html"), "<strong>forty sessions</strong>") ||
		str(post, "createPost.blocks.0.id") != block {
		t.Errorf("WritePost wrote %v", post)
	}
	run("Drafts", adminToken, nil)
	if d := run("PublishOrSchedule", adminToken, map[string]any{"id": id, "publishAt": "2027-01-15T09:00:00Z"}); str(d, "publishPost.status") != "SCHEDULED" {
		t.Errorf("scheduling: %v", d)
	}
	if d := run("PublishOrSchedule", adminToken, map[string]any{"id": id}); str(d, "publishPost.status") != "PUBLISHED" {
		t.Errorf("publishing now: %v", d)
	}
	if d := run("PublishOrSchedule", adminToken, map[string]any{"id": id, "unpublishAt": "2030-06-01T00:00:00Z"}); str(d, "publishPost.status") != "PUBLISHED" ||
		str(d, "publishPost.unpublishAt") != "2030-06-01T00:00:00Z" {
		t.Errorf("scheduling the take-down: %v", d)
	}
	run("ReviewQueue", adminToken, nil)
	run("Plans", adminToken, nil)
	run("Membership", adminToken, map[string]any{"memberId": member})
	if d := run("RenewMembership", adminToken, map[string]any{"memberId": member}); str(d, "renewMembership.newExpiresAt") == "" {
		t.Errorf("renewing: %v", d)
	}
	for _, name := range order {
		if !ran[name] {
			t.Errorf("the tabs' operation %s was not run here: add it to the test", name)
		}
	}
}
