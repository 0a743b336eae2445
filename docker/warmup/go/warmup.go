// Built once while the Go image is built, into a GOCACHE that jobs copy into their own: a fresh cache makes `go test`
// vet every standard package a test imports (about 3 s); with this one it does not. The imports are the standard
// packages MultiPL-E and HumanEval-style Go tests use, and what they pull in.
package warmup

import (
	"bufio"
	"bytes"
	"container/heap"
	"container/list"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

var _ = []interface{}{bufio.NewReader, bytes.NewBuffer, heap.Init, list.New, errors.New, fmt.Sprint, math.Abs,
	big.NewInt, rand.Intn, os.Exit, reflect.DeepEqual, regexp.MustCompile, sort.Ints, strconv.Itoa, strings.Fields,
	time.Now, unicode.IsDigit, utf8.RuneLen}
