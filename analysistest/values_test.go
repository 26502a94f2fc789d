package analysistest_test

import (
	"path/filepath"
	"testing"

	"github.com/refvet/refvet/analysistest"
)

// valueCorpus is value mode's corpus (SPEC-VALUE.md): reproductions of real bugs from the
// history of arrow-go, grpc-go, badger and pebble, each with its fixed version beside it, and
// clean code that must stay silent, over stubs of those modules at their real import paths.
var valueCorpus, _ = filepath.Abs(filepath.Join("..", "testdata", "value"))

// TestValueHistory runs every pass over the history set (docs/value-history.md): each bug is
// reported at its line, each fix is silent.
func TestValueHistory(t *testing.T) {
	for _, pkg := range []string{
		"grpc_unary_request_not_freed",
		"pebble_index_handle_leak_on_error",
		"badger_opentable_ref_not_dropped",
		"badger_defer_decrref_in_loop",
		"badger_stream_releases_borrowed_allocator",
		"badger_defer_decrref_before_errcheck",
		"arrow_arrdata_recordat_not_released",
		"arrow_arrjson_slice_double_release",
		"arrow_cdata_imported_array_not_released",
		"arrow_concat_out_leak_on_error",
		"arrow_example_releases_borrowed_builder",
		"arrow_ipc_cat_releases_borrowed_record",
		"arrow_ipc_readschema_defer_in_loop",
		"arrow_pqarrow_chunks_to_single_mixed",
		"arrow_pqarrow_list_item_array_leak",
		"arrow_pqarrow_struct_child_leak_in_loop",
	} {
		t.Run(pkg, func(t *testing.T) { analysistest.Run(t, valueCorpus, pkg) })
	}
}

// TestValueClean runs every pass over correct code written the way each project writes it,
// and over the shapes of real code value mode once got wrong (realshapes) and the release
// method rule (releasemethod), each beside the buggy variant that must still be reported.
func TestValueClean(t *testing.T) {
	for _, pkg := range []string{"clean_arrow", "clean_grpc_mem", "clean_badger", "clean_pebble", "realshapes", "releasemethod"} {
		t.Run(pkg, func(t *testing.T) { analysistest.Run(t, valueCorpus, pkg) })
	}
}

// TestValueFixes checks the suggested `defer x.Release()` of value-mode leaks against
// .golden files.
func TestValueFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, valueCorpus, "valuefix")
}
