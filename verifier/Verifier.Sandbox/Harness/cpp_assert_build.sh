# Builds a C++ assert submission: the candidate and the tests as separate translation units, so nothing the candidate
# defines (macros such as NDEBUG or assert, operator overloads, specialisations) changes how the tests compile, and
# a link in which the candidate exports only what the tests call, so it cannot interpose on the C/C++ libraries
# (a replacement __assert_fail, abort or std::operator==) or on the harness.
#
# The tests are secret from the candidate's compilation: test.cpp is unreadable (mode 000; the compiler runs as the
# file's owner with no capabilities, so nothing overrides it) until candidate.o exists, so no #include, __has_include
# or assembler .incbin can reach it. Nothing else here is secret: the nonce arrives on a pipe at run time, test.o is
# built only afterwards, and the harness sources are public.
set -eu
CXX="g++ -std=gnu++17 -O2 -pipe"
chmod 000 test.cpp

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

nm -u test.o | awk '{ print $2 }' | sort -u > wanted.txt
{
  for lib in libc.so.6 libm.so.6 libstdc++.so.6 libgcc_s.so.1; do
    nm -D --defined-only "$(g++ -print-file-name=$lib)" | awk 'NF >= 3 { print $3 }'
  done
  for lib in libc_nonshared.a libgcc.a; do
    nm --defined-only "$(gcc -print-file-name=$lib)" 2>/dev/null | awk 'NF == 3 { print $3 }'
  done
} | sed 's/@.*//' | sort -u > system.txt
comm -23 wanted.txt system.txt > exported.txt
objcopy --keep-global-symbols=exported.txt candidate.o candidate.local.o

# harness.o first: its .preinit_array entry must be the first one.
$CXX harness.o test.o candidate.local.o -Wl,--wrap=main -s -o main
rm -f ./*.o ./*.txt ./*.ii ./*.s source_check candidate.cpp test.cpp harness.c cpp_source_check.c
