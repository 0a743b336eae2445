# Builds a C++ assert submission: the candidate and the tests as separate translation units, so nothing the candidate
# defines (macros such as NDEBUG or assert, operator overloads, specialisations) changes how the tests compile, and
# a link in which the candidate exports only what the tests call, so it cannot interpose on the C/C++ libraries
# (a replacement __assert_fail, abort or std::operator==) or on the harness.
#
# The tests are secret from the candidate's compilation: test.cpp is unreadable (mode 000; the compiler runs as the
# file's owner with no capabilities, so nothing overrides it) until candidate.o exists, so no #include, __has_include
# or assembler .incbin can reach it. Nothing else here is secret: the nonce arrives on a pipe at run time, test.o is
# built only afterwards, and the harness sources are public.
#
# /bin/sh here is dash, which has no pipefail: a command whose failure matters writes to a file and is checked.
set -eu
CXX="g++ -std=gnu++17 -O2 -pipe"
chmod 000 test.cpp

# Exit status 70 (EX_SOFTWARE) says the toolchain failed, not the submission: the verifier reports it as an
# infrastructure error. Only the step below uses it, and it runs before anything of the candidate is compiled, so no
# submission can provoke it to dodge its verdict; no tool run later exits 70 (g++ exits 1 or 4, or dies of a signal).
toolchain_failed() {
  echo "toolchain failure: $*" >&2
  exit 70
}

# Every symbol the C/C++ libraries define, which the candidate may not export. An empty or partial list would fail
# open (the candidate could then replace __assert_fail or abort), so a library nm cannot read, or lists nothing for,
# stops the build.
for lib in libc.so.6 libm.so.6 libstdc++.so.6 libgcc_s.so.1 libc_nonshared.a libgcc.a; do
  case "$lib" in
    *.so*) dynamic="-D" ;;
    *) dynamic="" ;;
  esac
  path="$(g++ -print-file-name=$lib)" || toolchain_failed "g++ cannot find $lib"
  # An archive's members without symbols draw a warning on stderr; only a failure is worth showing.
  nm $dynamic --defined-only "$path" >library.nm 2>library.err || toolchain_failed "nm cannot list $lib: $(head -c 500 library.err)"
  awk 'NF >= 3 { sub(/@.*/, "", $3); print $3 }' library.nm >library.txt
  [ -s library.txt ] || toolchain_failed "nm listed no symbols for $lib ($path)"
  cat library.txt >>system.all
done
sort -u system.all >system.txt
for symbol in __assert_fail abort; do
  grep -qx "$symbol" system.txt || toolchain_failed "the list of library symbols lacks $symbol"
done
rm -f library.nm library.err library.txt system.all

$CXX -S candidate.cpp -o candidate.s

# The candidate shares the test process with the harness's nonce: no inline assembly or assembler-level strings (see
# cpp_source_check.c), checked on the source as written and after preprocessing with the flags it compiled with, and
# in the assembly itself: g++ brackets every inline asm it emits with #APP, and never writes .incbin or .include.
gcc -O1 cpp_source_check.c -o source_check
./source_check raw candidate.cpp
$CXX -E candidate.cpp -o candidate.ii
./source_check expanded candidate.ii
if grep -Eq '^[[:space:]]*(#APP|\.incbin|\.include)' candidate.s; then
  echo "error: the submission compiles to inline assembly, which is not allowed in C++ assert submissions" >&2
  exit 1
fi
$CXX -c candidate.s -o candidate.o

chmod 600 test.cpp
$CXX -c test.cpp -o test.o
gcc -O2 -c harness.c -o harness.o

# An ifunc resolver runs while the program is relocated, before the harness takes its nonce.
if readelf -sW candidate.o | awk '$4 == "IFUNC" { found = 1 } END { exit !found }'; then
  echo "error: the submission defines an ifunc resolver, which is not allowed" >&2
  exit 1
fi

nm -u test.o >undefined.txt
awk '{ print $2 }' undefined.txt | sort -u >wanted.txt
comm -23 wanted.txt system.txt >exported.txt
# Template instantiations and inline functions that both objects define (std::vector<long>'s destructor, say) are
# weak, in COMDAT groups: the linker keeps test.o's copy (it comes first) and discards the candidate's, so a candidate
# that had them local would point into a discarded section and fail to link. Kept global, the candidate's references
# resolve to the tests' copy: it still replaces nothing the tests use.
nm --defined-only test.o >test.nm
nm --defined-only candidate.o >candidate.nm
awk '$2 ~ /^[WVu]$/ { print $3 }' test.nm | sort -u >tests_weak.txt
awk '$2 ~ /^[WVu]$/ { print $3 }' candidate.nm | sort -u >candidate_weak.txt
comm -12 tests_weak.txt candidate_weak.txt >>exported.txt
objcopy --keep-global-symbols=exported.txt candidate.o candidate.local.o

# harness.o first: its .preinit_array entry must be the first one.
$CXX harness.o test.o candidate.local.o -Wl,--wrap=main -s -o main
rm -f ./*.o ./*.txt ./*.nm ./*.ii ./*.s source_check candidate.cpp test.cpp harness.c cpp_source_check.c
