package warmup

import (
	"fmt"
	"testing"
)

func TestWarmup(t *testing.T) {
	if fmt.Sprint(1) != "1" {
		t.Errorf("fmt.Sprint(1) = %q", fmt.Sprint(1))
	}
}
