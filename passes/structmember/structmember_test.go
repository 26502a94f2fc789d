package structmember_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/refvet/refvet/passes/structmember"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), structmember.Analyzer, "basic", "directives", "crosspkg", "ignore")
}
