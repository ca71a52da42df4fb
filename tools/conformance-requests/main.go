// Command conformance-requests reads the Gateway API conformance suite's Go tests (tests/*.go of
// the module sigs.k8s.io/gateway-api/conformance) with go/ast and prints, as JSON, every request
// table the tests send: each http/grpc/tcp/udp ExpectedResponse literal, its values evaluated as far
// as the test's own straight-line code allows, and the Gateway (and listener) whose address the
// request is sent to. Values it cannot evaluate are printed as {"$unresolved": "<source>"} so that
// the reader can say which cases it cannot represent and why.
//
//	conformance-requests MODULE_DIR > cases.json
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

const modulePath = "sigs.k8s.io/gateway-api/conformance"

// Case is one ExpectedResponse literal.
type Case struct {
	Line int `json:"line"`
	// Package of the literal's type: http, grpc, tcp or udp.
	Type  string `json:"type"`
	Value any    `json:"value"`
	// The Gateway reference whose address the request goes to, when it can be found.
	Address any `json:"address"`
	// The helper that sends it (e.g. MakeRequestAndExpectEventuallyConsistentResponse).
	Call string `json:"call,omitempty"`
	// A change the test makes to the cluster in Go code before this literal (e.g. "Delete"): the
	// manifests alone no longer describe the world the request meets.
	After string `json:"after,omitempty"`
}

// Test is one conformance test file.
type Test struct {
	File      string   `json:"file"`
	ShortName string   `json:"shortName"`
	Manifests []string `json:"manifests"`
	Cases     []Case   `json:"cases"`
}

type file struct {
	fset    *token.FileSet
	src     []byte
	imports map[string]string // local name -> import path
	consts  map[string]any    // "importpath.Name" -> value
}

func (f *file) text(n ast.Node) string {
	return string(f.src[f.fset.Position(n.Pos()).Offset:f.fset.Position(n.End()).Offset])
}

func unresolved(f *file, n ast.Node) any { return map[string]any{"$unresolved": f.text(n)} }

// eval turns an expression into JSON-able data, looking identifiers up in env.
func (f *file) eval(e ast.Expr, env map[string]any) any {
	switch x := e.(type) {
	case *ast.BasicLit:
		switch x.Kind {
		case token.STRING:
			if s, err := strconv.Unquote(x.Value); err == nil {
				return s
			}
		case token.INT:
			if n, err := strconv.ParseInt(x.Value, 0, 64); err == nil {
				return n
			}
		}
		return unresolved(f, x)
	case *ast.Ident:
		switch x.Name {
		case "true":
			return true
		case "false":
			return false
		case "nil":
			return nil
		}
		if v, ok := env[x.Name]; ok {
			return v
		}
		return unresolved(f, x)
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			if path, ok := f.imports[id.Name]; ok {
				key := path + "." + x.Sel.Name
				if v, ok := f.consts[key]; ok {
					return v
				}
				return map[string]any{"$const": key}
			}
		}
		return unresolved(f, x)
	case *ast.ParenExpr:
		return f.eval(x.X, env)
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return f.eval(x.X, env)
		}
		if x.Op == token.SUB {
			if n, ok := f.eval(x.X, env).(int64); ok {
				return -n
			}
		}
		return unresolved(f, x)
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			a, aok := f.eval(x.X, env).(string)
			b, bok := f.eval(x.Y, env).(string)
			if aok && bok {
				return a + b
			}
		}
		return unresolved(f, x)
	case *ast.CompositeLit:
		return f.composite(x, env)
	case *ast.CallExpr:
		name := calleeName(x.Fun)
		if name == "NewGatewayRef" && len(x.Args) >= 1 {
			listeners := []any{}
			for _, a := range x.Args[1:] {
				listeners = append(listeners, f.eval(a, env))
			}
			return map[string]any{"$gatewayRef": map[string]any{"gateway": f.eval(x.Args[0], env), "listeners": listeners}}
		}
		// Conversions and ptr.To/new-style helpers keep their single argument's value.
		if len(x.Args) == 1 {
			return f.eval(x.Args[0], env)
		}
		return unresolved(f, x)
	}
	return unresolved(f, e)
}

func calleeName(fun ast.Expr) string {
	switch x := fun.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return x.Sel.Name
	case *ast.IndexExpr:
		return calleeName(x.X)
	}
	return ""
}

func (f *file) composite(x *ast.CompositeLit, env map[string]any) any {
	switch t := x.Type.(type) {
	case *ast.ArrayType:
		out := []any{}
		for _, el := range x.Elts {
			out = append(out, f.eval(el, env))
		}
		return out
	case *ast.MapType:
		out := map[string]any{}
		for _, el := range x.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				return unresolved(f, x)
			}
			k, ok := f.eval(kv.Key, env).(string)
			if !ok {
				return unresolved(f, x)
			}
			out[k] = f.eval(kv.Value, env)
		}
		return out
	default:
		_ = t
		out := map[string]any{}
		for i, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok {
					out[k.Name] = f.eval(kv.Value, env)
					continue
				}
			}
			out[strconv.Itoa(i)] = f.eval(el, env)
		}
		return out
	}
}

// expectedType says whether a composite literal type is a conformance ExpectedResponse, and whose.
func (f *file) expectedType(t ast.Expr) string {
	sel, ok := t.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "ExpectedResponse" {
		return ""
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return ""
	}
	path := f.imports[id.Name]
	if !strings.HasPrefix(path, modulePath+"/utils/") {
		return ""
	}
	return path[strings.LastIndex(path, "/")+1:]
}

type call struct {
	pos, end token.Pos
	name     string
	address  any
}

// walk evaluates the test function's body in source order: assignments fill env, sending calls are
// remembered with the address they use, and every ExpectedResponse literal becomes a Case.
func (f *file) walk(body ast.Node, env map[string]any) []Case {
	type lit struct {
		pos   token.Pos
		typ   string
		value any
	}
	var lits []lit
	var calls []call
	var mutations []call
	// Reassignments inside if and switch bodies depend on run-time values: the straight-line
	// value is kept.
	conditional := map[*ast.AssignStmt]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		var stmts []ast.Stmt
		switch x := n.(type) {
		case *ast.CaseClause:
			stmts = x.Body
		case *ast.IfStmt:
			stmts = x.Body.List
		}
		for _, s := range stmts {
			if a, ok := s.(*ast.AssignStmt); ok && a.Tok == token.ASSIGN {
				conditional[a] = true
			}
		}
		return true
	})
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.ValueSpec:
			for i, id := range x.Names {
				if i < len(x.Values) && id.Name != "_" {
					v := f.eval(x.Values[i], env)
					if c, ok := x.Values[i].(*ast.CallExpr); ok {
						if ref := findGatewayRef(f, c, env); ref != nil {
							v = map[string]any{"$address": ref}
						}
					}
					env[id.Name] = v
				}
			}
		case *ast.AssignStmt:
			if conditional[x] {
				return true
			}
			if len(x.Rhs) == 1 {
				v := f.eval(x.Rhs[0], env)
				if c, ok := x.Rhs[0].(*ast.CallExpr); ok {
					if ref := findGatewayRef(f, c, env); ref != nil {
						v = map[string]any{"$address": ref}
					}
				}
				if id, ok := x.Lhs[0].(*ast.Ident); ok && id.Name != "_" {
					env[id.Name] = v
				}
			} else if len(x.Rhs) == len(x.Lhs) {
				for i := range x.Lhs {
					if id, ok := x.Lhs[i].(*ast.Ident); ok && id.Name != "_" {
						env[id.Name] = f.eval(x.Rhs[i], env)
					}
				}
			}
		case *ast.CallExpr:
			name := calleeName(x.Fun)
			if sel, ok := x.Fun.(*ast.SelectorExpr); ok && (name == "Delete" || name == "Update" || name == "Patch" || name == "Create") {
				if inner, ok := sel.X.(*ast.SelectorExpr); ok && inner.Sel.Name == "Client" {
					mutations = append(mutations, call{x.Pos(), x.End(), name, nil})
				}
			}
			if strings.HasPrefix(name, "Make") || strings.HasPrefix(name, "Expect") {
				var addr any
				for _, a := range x.Args {
					if v, ok := f.eval(a, env).(map[string]any); ok {
						if ad, ok := v["$address"]; ok {
							addr = ad
							break
						}
					}
				}
				calls = append(calls, call{x.Pos(), x.End(), name, addr})
			}
		case *ast.CompositeLit:
			if typ := f.expectedType(x.Type); typ != "" {
				lits = append(lits, lit{x.Pos(), typ, f.eval(x, env)})
				return false
			}
			if arr, ok := x.Type.(*ast.ArrayType); ok {
				if typ := f.expectedType(arr.Elt); typ != "" {
					for _, el := range x.Elts {
						if c, ok := el.(*ast.CompositeLit); ok {
							lits = append(lits, lit{c.Pos(), typ, f.eval(c, env)})
						}
					}
					return false
				}
			}
		}
		return true
	})
	var out []Case
	for _, l := range lits {
		c := Case{Line: f.fset.Position(l.pos).Line, Type: l.typ, Value: l.value}
		for _, m := range mutations {
			if m.pos < l.pos {
				c.After = m.name
			}
		}
		// The call that contains the literal, else the first one after it that is given an address.
		var chosen *call
		for i := range calls {
			if calls[i].pos <= l.pos && l.pos < calls[i].end {
				chosen = &calls[i]
				break
			}
		}
		if chosen == nil {
			for i := range calls {
				if calls[i].pos > l.pos && calls[i].address != nil {
					chosen = &calls[i]
					break
				}
			}
		}
		if chosen != nil {
			c.Address = chosen.address
			c.Call = chosen.name
		}
		out = append(out, c)
	}
	return out
}

func findGatewayRef(f *file, c *ast.CallExpr, env map[string]any) any {
	for _, a := range c.Args {
		if inner, ok := a.(*ast.CallExpr); ok && calleeName(inner.Fun) == "NewGatewayRef" {
			if v, ok := f.eval(inner, env).(map[string]any); ok {
				return v["$gatewayRef"]
			}
		}
		if id, ok := a.(*ast.Ident); ok {
			if v, ok := env[id.Name].(map[string]any); ok {
				if ref, ok := v["$gatewayRef"]; ok {
					return ref
				}
			}
		}
	}
	return nil
}

// suiteConsts reads the string constants of utils/suite (namespaces, backend names).
func suiteConsts(dir string) (map[string]any, error) {
	out := map[string]any{}
	fset := token.NewFileSet()
	matches, _ := filepath.Glob(filepath.Join(dir, "utils", "suite", "*.go"))
	for _, m := range matches {
		if strings.HasSuffix(m, "_test.go") {
			continue
		}
		parsed, err := parser.ParseFile(fset, m, nil, 0)
		if err != nil {
			return nil, err
		}
		for _, d := range parsed.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						if b, ok := vs.Values[i].(*ast.BasicLit); ok && b.Kind == token.STRING {
							v, _ := strconv.Unquote(b.Value)
							out[modulePath+"/utils/suite."+n.Name] = v
						}
					}
				}
			}
		}
	}
	return out, nil
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: conformance-requests MODULE_DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	consts, err := suiteConsts(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "tests", "*.go"))
	sort.Strings(files)
	tests := []Test{}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fset := token.NewFileSet()
		parsed, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		f := &file{fset: fset, src: src, imports: map[string]string{}, consts: consts}
		for _, imp := range parsed.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			name := p[strings.LastIndex(p, "/")+1:]
			if imp.Name != nil {
				name = imp.Name.Name
			}
			f.imports[name] = p
		}
		for _, d := range parsed.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for _, v := range vs.Values {
					lit, ok := v.(*ast.CompositeLit)
					if !ok {
						continue
					}
					if sel, ok := lit.Type.(*ast.SelectorExpr); !ok || sel.Sel.Name != "ConformanceTest" {
						continue
					}
					t := Test{File: filepath.Base(path), Manifests: []string{}}
					for _, el := range lit.Elts {
						kv, ok := el.(*ast.KeyValueExpr)
						if !ok {
							continue
						}
						switch kv.Key.(*ast.Ident).Name {
						case "ShortName":
							t.ShortName, _ = f.eval(kv.Value, map[string]any{}).(string)
						case "Manifests":
							if arr, ok := f.eval(kv.Value, map[string]any{}).([]any); ok {
								for _, m := range arr {
									if s, ok := m.(string); ok {
										t.Manifests = append(t.Manifests, s)
									}
								}
							}
						case "Test":
							t.Cases = f.walk(kv.Value, map[string]any{})
						}
					}
					if len(t.Cases) > 0 {
						tests = append(tests, t)
					}
				}
			}
		}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(tests); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
