package ownerparam_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/refvet/refvet/passes/ownerparam"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), ownerparam.Analyzer, "owner", "callers")
}
