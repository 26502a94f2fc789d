package refstate

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// CallStatement finds the expression statement whose call starts at pos, as a Site's Pos does,
// and the list of statements it belongs to; suggested fixes rewrite such statements.
func CallStatement(pass *analysis.Pass, pos token.Pos) (*ast.ExprStmt, *ast.CallExpr, []ast.Stmt) {
	call, stmt, block := callIn(pass, pos)
	es, ok := stmt.(*ast.ExprStmt)
	if !ok {
		return nil, nil, nil
	}
	return es, call, block
}

// AssignStatement finds the assignment whose right-hand side is the call that starts at pos
// (`rec, err := rdr.Read()`), and the statements of the block it is in.
func AssignStatement(pass *analysis.Pass, pos token.Pos) (*ast.AssignStmt, []ast.Stmt) {
	call, stmt, block := callIn(pass, pos)
	as, ok := stmt.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || as.Rhs[0] != call {
		return nil, nil
	}
	return as, block
}

// callIn finds the call that starts at pos, the node right around it (its statement, when the
// call is one on its own) and the statements of the block around that.
func callIn(pass *analysis.Pass, pos token.Pos) (*ast.CallExpr, ast.Node, []ast.Stmt) {
	for _, file := range pass.Files {
		if pos < file.FileStart || pos > file.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(file, pos, pos)
		for i, n := range path {
			call, ok := n.(*ast.CallExpr)
			if !ok || call.Pos() != pos {
				continue
			}
			if i+2 >= len(path) {
				return nil, nil, nil
			}
			return call, path[i+1], stmtList(path[i+2])
		}
	}
	return nil, nil, nil
}

func stmtList(n ast.Node) []ast.Stmt {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List
	case *ast.CaseClause:
		return n.Body
	case *ast.CommClause:
		return n.Body
	}
	return nil
}
