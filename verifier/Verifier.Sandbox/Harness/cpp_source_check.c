/* Refuses, in a C++ assert submission, the constructs that reach below C++: inline assembly and strings that g++
   copies verbatim into the assembler's input. In an assert run the candidate shares the test process with the harness
   that holds the pass nonce, so these would make digging it out (or including files at assembly time) cheap.

   Usage: cpp_source_check raw candidate.cpp      the source as written (directives, macro bodies)
          cpp_source_check expanded candidate.ii  g++ -E output of it (macros expanded, includes inlined)
   Prints "error: ..." and exits 1 on the first refused construct.

   raw: any asm keyword anywhere (also inside a #define), a #define of a reserved name (__x, _X) that is more than a
   flag (system headers' macros have such names; replacing one could paste an asm keyword into a header's text), and
   line directives (#line, GNU linemarkers), which would let the candidate's text pass for a system header's.
   expanded: every token is classified by the real path of the file it comes from (the line markers, genuine once
   line directives are refused). The candidate's text may hold no asm keyword (token pasting included) and no
   symbol-bearing attribute string (section, alias, ...) with characters beyond a symbol's, because g++ writes those
   strings unquoted into the assembly (".incbin" through a section name). System headers keep their asm labels
   (__asm__ ("" "__isoc99_sscanf")) with plain symbol strings only, and their inline assembly, which the build then
   refuses wherever it is compiled into the candidate's object (#APP in the assembly).

   The tokenizer follows g++'s lexing where it matters for hiding tokens: comments, line splices (also with trailing
   blanks), string and character literals with their prefixes, raw strings (no splices inside), digit separators in
   numbers, and the %: digraph for #. Comments and literals are skipped, never tokenized. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum mode { RAW, EXPANDED };

static const char *src;
static size_t len;
static size_t pos;
static enum mode mode;
static long line_no = 1;
/* Expanded mode: where the current tokens come from (the last line marker). */
static int in_system;  /* a file whose real path is under /usr */
static char system_path[PATH_MAX];

static void refuse(const char *what) {
    printf("error: %s (line %ld of the %s source); not allowed in C++ assert submissions\n", what, line_no,
           mode == RAW ? "submitted" : "preprocessed");
    exit(1);
}

/* Length of a line splice at p (backslash, blanks, newline), 0 if none. Raw strings are read without this. */
static size_t splice_at(size_t p) {
    if (mode != RAW || p >= len || src[p] != '\\') {
        return 0;
    }
    size_t q = p + 1;
    while (q < len && (src[q] == ' ' || src[q] == '\t' || src[q] == '\r')) {
        q++;
    }
    return q < len && src[q] == '\n' ? q + 1 - p : 0;
}

static void skip_splices(void) {
    size_t n;
    while ((n = splice_at(pos)) > 0) {
        pos += n;
        line_no++;
    }
}

/* The logical character at pos (after splices), or -1 at the end. */
static int peek(void) {
    skip_splices();
    return pos < len ? (unsigned char)src[pos] : -1;
}

static int peek_after(size_t offset) {
    size_t p = pos;
    for (size_t i = 0;; i++) {
        size_t n;
        while ((n = splice_at(p)) > 0) {
            p += n;
        }
        if (p >= len) {
            return -1;
        }
        if (i == offset) {
            return (unsigned char)src[p];
        }
        p++;
    }
}

static int next(void) {
    int c = peek();
    if (c >= 0) {
        pos++;
        if (c == '\n') {
            line_no++;
        }
    }
    return c;
}

static int is_ident_char(int c) { return c >= 0 && (isalnum(c) || c == '_' || c == '$' || c >= 0x80); }

static int is_asm_keyword(const char *id) { return strcmp(id, "asm") == 0 || strcmp(id, "__asm") == 0 || strcmp(id, "__asm__") == 0; }


/* Reads an identifier (UCNs included) into buf, truncated to size. */
static void read_ident(char *buf, size_t size) {
    size_t n = 0;
    for (;;) {
        int c = peek();
        if (c == '\\' && (peek_after(1) == 'u' || peek_after(1) == 'U')) {
            next();
        } else if (!is_ident_char(c)) {
            break;
        }
        c = next();
        if (n + 1 < size) {
            buf[n++] = (char)c;
        }
    }
    buf[n] = 0;
}

/* A quoted literal after its opening quote; appends its raw content to out (if given). Ends at the closing quote
   or, as g++ does for an unterminated one, at the end of the line. */
static void read_quoted(int quote, char *out, size_t size) {
    size_t n = 0;
    for (;;) {
        int c = peek();
        if (c < 0 || c == '\n') {
            break;
        }
        next();
        if (c == quote) {
            break;
        }
        if (out != NULL && n + 1 < size) {
            out[n++] = (char)c;
        }
        if (c == '\\' && peek() >= 0 && peek() != '\n') {
            int escaped = next();
            if (out != NULL && n + 1 < size) {
                out[n++] = (char)escaped;
            }
        }
    }
    if (out != NULL) {
        out[n] = 0;
    }
}

/* A raw string after R": delimiter, (, body, ), delimiter, ". No splices apply inside. */
static void read_raw(char *out, size_t size) {
    char delim[20];
    size_t d = 0;
    while (pos < len && src[pos] != '(' && d < 16) {
        delim[d++] = src[pos++];
    }
    delim[d] = 0;
    if (pos >= len || src[pos] != '(') {
        return;  /* not a raw string g++ accepts: it fails to compile anyway */
    }
    pos++;
    size_t start = pos;
    for (; pos < len; pos++) {
        if (src[pos] == '\n') {
            line_no++;
        }
        if (src[pos] == ')' && pos + 1 + d < len && strncmp(src + pos + 1, delim, d) == 0 && src[pos + 1 + d] == '"') {
            if (out != NULL) {
                size_t n = pos - start < size - 1 ? pos - start : size - 1;
                memcpy(out, src + start, n);
                out[n] = 0;
            }
            pos += d + 2;
            return;
        }
    }
}

static int is_literal_prefix(const char *id, int *raw) {
    static const char *const plain[] = {"u8", "u", "U", "L"};
    static const char *const raws[] = {"R", "u8R", "uR", "UR", "LR"};
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
        if (strcmp(id, plain[i]) == 0) {
            *raw = 0;
            return 1;
        }
    }
    for (size_t i = 0; i < sizeof raws / sizeof *raws; i++) {
        if (strcmp(id, raws[i]) == 0) {
            *raw = 1;
            return 1;
        }
    }
    return 0;
}

static void skip_number(void) {
    for (;;) {
        int c = peek();
        if ((c == 'e' || c == 'E' || c == 'p' || c == 'P') && (peek_after(1) == '+' || peek_after(1) == '-')) {
            next();
            next();
        } else if (c == '\'' && is_ident_char(peek_after(1))) {
            next();  /* a digit separator, not a character literal */
        } else if (is_ident_char(c) || c == '.') {
            next();
        } else {
            return;
        }
    }
}

/* Skips blanks and comments; stops at a newline when stop_at_newline (directive lines). Returns 1 if a newline was crossed. */
static int skip_space(int stop_at_newline) {
    int crossed = 0;
    for (;;) {
        int c = peek();
        if (c == '\n') {
            if (stop_at_newline) {
                return crossed;
            }
            crossed = 1;
            next();
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            next();
        } else if (c == '/' && peek_after(1) == '/') {
            while (peek() >= 0 && peek() != '\n') {
                next();
            }
        } else if (c == '/' && peek_after(1) == '*') {
            next();
            next();
            while (peek() >= 0 && !(peek() == '*' && peek_after(1) == '/')) {
                if (next() == '\n') {
                    crossed = 1;
                }
            }
            next();
            next();
        } else {
            return crossed;
        }
    }
}

/* Attributes whose string argument g++ writes unquoted into the assembly. */
static int is_symbol_attribute(const char *id) {
    static const char *const names[] = {"section", "alias", "weakref", "symver", "ifunc", "target_clones"};
    char bare[64];
    size_t n = strlen(id);
    if (n > 4 && n < sizeof bare && strncmp(id, "__", 2) == 0 && strcmp(id + n - 2, "__") == 0) {
        memcpy(bare, id + 2, n - 4);
        bare[n - 4] = 0;
        id = bare;
    }
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (strcmp(id, names[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

static int is_symbol_text(const char *s) {
    for (; *s; s++) {
        if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '.' || *s == '$' || *s == '@' || *s == ',')) {
            return 0;
        }
    }
    return 1;
}

/* Reads the string literals (and parentheses) after a keyword: "( "a" "b" )". Returns 0 if something else follows. */
static int read_string_arguments(char *out, size_t size) {
    out[0] = 0;
    skip_space(0);
    if (peek() != '(') {
        return 0;
    }
    next();
    for (;;) {
        skip_space(0);
        int c = peek();
        if (c == ')') {
            next();
            return 1;
        }
        if (c == '"') {
            char part[512];
            next();
            read_quoted('"', part, sizeof part);
            strncat(out, part, size - strlen(out) - 1);
        } else if (is_ident_char(c)) {
            char id[16];
            int raw = 0;
            read_ident(id, sizeof id);
            if (!is_literal_prefix(id, &raw) || peek() != '"') {
                return 0;
            }
            next();
            char part[512];
            if (raw) {
                read_raw(part, sizeof part);
            } else {
                read_quoted('"', part, sizeof part);
            }
            strncat(out, part, size - strlen(out) - 1);
        } else {
            return 0;
        }
    }
}

/* Expanded mode: "# 12 "path" 1 3" sets which file the following tokens come from. */
static void read_linemarker(void) {
    skip_space(1);
    while (isdigit(peek())) {
        next();
    }
    skip_space(1);
    if (peek() == '"') {
        char path[PATH_MAX];
        next();
        read_quoted('"', path, sizeof path);
        in_system = realpath(path, system_path) != NULL && strncmp(system_path, "/usr/", 5) == 0;
    }
    while (peek() >= 0 && peek() != '\n') {
        next();
    }
}

/* Raw mode: a #define of a name reserved for the implementation (__x, _X) may only be a flag (empty or a number),
   so no macro of the candidate can replace text inside a system header with something that pastes an asm keyword. */
static void check_define(void) {
    skip_space(1);
    char name[64];
    read_ident(name, sizeof name);
    if (!(name[0] == '_' && (name[1] == '_' || isupper((unsigned char)name[1])))) {
        return;
    }
    skip_space(1);
    while (isdigit(peek()) || peek() == 'x' || peek() == 'X' || peek() == 'L' || peek() == 'l' || peek() == 'u' || peek() == 'U') {
        next();
    }
    skip_space(1);
    if (peek() >= 0 && peek() != '\n') {
        refuse("a #define of a reserved name (starting with __ or _ and a capital) that is not a plain flag");
    }
}

/* A directive: raw mode refuses line directives; expanded mode reads line markers and skips pragmas. */
static void read_directive(void) {
    skip_space(1);
    int c = peek();
    if (isdigit(c)) {
        if (mode == RAW) {
            refuse("a line marker directive");
        }
        read_linemarker();
        return;
    }
    if (is_ident_char(c)) {
        char id[32];
        size_t start = pos;
        read_ident(id, sizeof id);
        if (mode == RAW && strcmp(id, "line") == 0) {
            refuse("a #line directive");
        }
        if (mode == RAW) {
            if (strcmp(id, "define") == 0) {
                long start_line = line_no;
                check_define();
                line_no = start_line;
            }
            pos = start;  /* the rest of a directive (a #define body) is checked like any text */
            return;
        }
        while (peek() >= 0 && peek() != '\n') {
            next();  /* #pragma lines of the expanded output */
        }
    }
}

static void check(void) {
    int line_start = 1;
    char previous = 0;
    for (;;) {
        if (skip_space(0)) {
            line_start = 1;
        }
        int c = peek();
        if (c < 0) {
            return;
        }
        if (line_start && (c == '#' || (c == '%' && peek_after(1) == ':'))) {
            next();
            if (c == '%') {
                next();
            }
            line_start = 0;
            read_directive();
            continue;
        }
        line_start = 0;
        if (is_ident_char(c) && !isdigit(c)) {
            char id[64];
            int raw = 0;
            read_ident(id, sizeof id);
            if (is_literal_prefix(id, &raw) && (peek() == '"' || (!raw && peek() == '\''))) {
                int quote = next();
                if (raw) {
                    read_raw(NULL, 0);
                } else {
                    read_quoted(quote, NULL, 0);
                }
                previous = '"';
                continue;
            }
            if (is_asm_keyword(id)) {
                char text[2048];
                if (mode == EXPANDED && in_system) {
                    /* A system header's asm label (after a declarator: __asm__ ("" "__isoc99_sscanf"), which glibc's
                       macros write) must name a plain symbol, so no macro of the candidate can turn one into assembler
                       directives. Its inline assembly (intrinsics headers have some) is let through here: the build
                       refuses any that is compiled into the candidate's object (#APP in the assembly). */
                    size_t start = pos;
                    long start_line = line_no;
                    if ((previous == ')' || previous == 'i') && read_string_arguments(text, sizeof text)) {
                        if (!is_symbol_text(text)) {
                            refuse("an asm label that is not a plain symbol name");
                        }
                        previous = ')';
                        continue;
                    }
                    pos = start;
                    line_no = start_line;
                    previous = 'i';
                    continue;
                }
                refuse("inline assembly (asm)");
            }
            if (mode == EXPANDED && !in_system && is_symbol_attribute(id)) {
                size_t start = pos;
                long start_line = line_no;
                char text[2048];
                if (read_string_arguments(text, sizeof text) && !is_symbol_text(text)) {
                    refuse("an attribute string that is not a plain symbol or section name");
                }
                pos = start;
                line_no = start_line;
            }
            previous = 'i';
        } else if (isdigit(c) || (c == '.' && isdigit(peek_after(1)))) {
            skip_number();
            previous = '0';
        } else if (c == '"' || c == '\'') {
            next();
            read_quoted(c, NULL, 0);
            previous = '"';
        } else {
            next();
            previous = (char)c;
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 3 || (strcmp(argv[1], "raw") != 0 && strcmp(argv[1], "expanded") != 0)) {
        fprintf(stderr, "usage: cpp_source_check raw|expanded FILE\n");
        return 2;
    }
    mode = strcmp(argv[1], "raw") == 0 ? RAW : EXPANDED;
    FILE *f = fopen(argv[2], "rb");
    if (f == NULL) {
        perror(argv[2]);
        return 2;
    }
    size_t capacity = 1 << 20;
    char *buffer = malloc(capacity);
    size_t n;
    while (buffer != NULL && (n = fread(buffer + len, 1, capacity - len, f)) > 0) {
        len += n;
        if (len == capacity) {
            capacity *= 2;
            buffer = realloc(buffer, capacity);
        }
    }
    fclose(f);
    if (buffer == NULL) {
        fprintf(stderr, "out of memory\n");
        return 2;
    }
    src = buffer;
    check();
    return 0;
}
