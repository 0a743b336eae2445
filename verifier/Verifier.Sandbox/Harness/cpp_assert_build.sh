# Builds a C++ assert submission: the candidate and the tests as separate translation units, so nothing the candidate
# defines (macros such as NDEBUG or assert, operator overloads, specialisations) changes how the tests compile, and
# a link in which the candidate exports only what the tests call, so it cannot interpose on the C/C++ libraries
# (a replacement __assert_fail, abort or std::operator==) or on the harness.
set -eu
CXX="g++ -std=gnu++17 -O2 -pipe"
$CXX -c candidate.cpp -o candidate.o
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
rm -f ./*.o ./*.txt candidate.cpp test.cpp harness.c
