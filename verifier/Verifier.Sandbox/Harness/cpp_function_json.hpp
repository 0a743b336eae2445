// JSON for the C++ function server (cpp_function_server.hpp): a parser for the requests and arguments, and the
// string writer for answers. Values are kept as written (a number's token), so integers convert exactly.
#pragma once
#include <bits/stdc++.h>

// Declared here rather than through <cxxabi.h> and <unistd.h>, whose names (abi, read, link, pipe, ...) would clash
// with the candidate's globals; the frames go through stdio streams on fds 3 and 4.
namespace __cxxabiv1 {
extern "C" char* __cxa_demangle(const char* mangled, char* buffer, size_t* length, int* status);
extern "C" std::type_info* __cxa_current_exception_type() noexcept __attribute__((__pure__));
}  // namespace __cxxabiv1

namespace verifier_fs {

// ------------------------------------------------------------------------------------------------------------ errors
/// An argument that does not fit its parameter (a test's mistake, reported like an exception of the call).
struct ArgumentError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A return value with no JSON form (NaN, infinity, bytes that are not UTF-8).
struct Untransferable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

inline std::string demangle(const char* name) {
    int status = 0;
    char* readable = __cxxabiv1::__cxa_demangle(name, nullptr, nullptr, &status);
    std::string result = status == 0 && readable != nullptr ? readable : name;
    std::free(readable);
    return result;
}

template <class T>
std::string type_name() {
    return demangle(typeid(T).name());
}

// -------------------------------------------------------------------------------------------------------- JSON input
struct Json {
    enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
    bool boolean = false;
    std::string text;  // a number's token as written, or a string's UTF-8 value
    std::vector<Json> items;
    std::vector<std::pair<std::string, Json>> members;

    const Json* find(const std::string& key) const {
        for (const auto& member : members) {
            if (member.first == key) {
                return &member.second;
            }
        }
        return nullptr;
    }
};

class Parser {
public:
    explicit Parser(const std::string& text) : text_(text) {}

    Json document() {
        Json value = parse(0);
        skip_space();
        if (at_ != text_.size()) {
            fail("trailing characters");
        }
        return value;
    }

private:
    static constexpr int MaxDepth = 256;
    const std::string& text_;
    size_t at_ = 0;

    [[noreturn]] void fail(const char* what) const {
        throw ArgumentError(std::string("malformed JSON: ") + what + " at offset " + std::to_string(at_));
    }

    void skip_space() {
        while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
            at_++;
        }
    }

    bool take(const char* word) {
        size_t n = std::strlen(word);
        if (text_.compare(at_, n, word) == 0) {
            at_ += n;
            return true;
        }
        return false;
    }

    Json parse(int depth) {
        if (depth > MaxDepth) {
            fail("nested too deeply");
        }
        skip_space();
        if (at_ >= text_.size()) {
            fail("unexpected end");
        }
        Json value;
        char c = text_[at_];
        if (c == '{') {
            value.kind = Json::Object;
            at_++;
            skip_space();
            if (take("}")) {
                return value;
            }
            do {
                skip_space();
                if (at_ >= text_.size() || text_[at_] != '"') {
                    fail("expected a key");
                }
                std::string key = parse_string();
                skip_space();
                if (!take(":")) {
                    fail("expected ':'");
                }
                value.members.emplace_back(std::move(key), parse(depth + 1));
                skip_space();
            } while (take(","));
            if (!take("}")) {
                fail("expected '}'");
            }
        } else if (c == '[') {
            value.kind = Json::Array;
            at_++;
            skip_space();
            if (take("]")) {
                return value;
            }
            do {
                value.items.push_back(parse(depth + 1));
                skip_space();
            } while (take(","));
            if (!take("]")) {
                fail("expected ']'");
            }
        } else if (c == '"') {
            value.kind = Json::String;
            value.text = parse_string();
        } else if (take("true")) {
            value.kind = Json::Bool;
            value.boolean = true;
        } else if (take("false")) {
            value.kind = Json::Bool;
        } else if (take("null")) {
            value.kind = Json::Null;
        } else {
            value.kind = Json::Number;
            value.text = parse_number();
        }
        return value;
    }

    std::string parse_number() {
        size_t start = at_;
        auto digits = [&] {
            size_t from = at_;
            while (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_]))) {
                at_++;
            }
            return at_ > from;
        };
        take("-");
        if (!digits()) {
            fail("expected a value");
        }
        if (take(".") && !digits()) {
            fail("expected digits after '.'");
        }
        if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
            at_++;
            if (!take("+")) {
                take("-");
            }
            if (!digits()) {
                fail("expected an exponent");
            }
        }
        return text_.substr(start, at_ - start);
    }

    unsigned hex4() {
        if (at_ + 4 > text_.size()) {
            fail("short \\u escape");
        }
        unsigned value = 0;
        for (int i = 0; i < 4; i++) {
            char h = text_[at_++];
            value <<= 4;
            if (h >= '0' && h <= '9') {
                value |= h - '0';
            } else if (h >= 'a' && h <= 'f') {
                value |= h - 'a' + 10;
            } else if (h >= 'A' && h <= 'F') {
                value |= h - 'A' + 10;
            } else {
                fail("bad \\u escape");
            }
        }
        return value;
    }

    static void append_utf8(std::string& out, unsigned code) {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    std::string parse_string() {
        at_++;  // the opening quote
        std::string out;
        for (;;) {
            if (at_ >= text_.size()) {
                fail("unterminated string");
            }
            char c = text_[at_++];
            if (c == '"') {
                return out;
            }
            if (c != '\\') {
                out += c;
                continue;
            }
            if (at_ >= text_.size()) {
                fail("unterminated escape");
            }
            char e = text_[at_++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned code = hex4();
                    if (code >= 0xD800 && code < 0xDC00 && text_.compare(at_, 2, "\\u") == 0) {
                        size_t back = at_;
                        at_ += 2;
                        unsigned low = hex4();
                        if (low >= 0xDC00 && low < 0xE000) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                        } else {
                            at_ = back;
                        }
                    }
                    append_utf8(out, code);
                    break;
                }
                default: fail("bad escape");
            }
        }
    }
};

// ------------------------------------------------------------------------------------------------------- JSON output
inline bool valid_utf8(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 4;
        if (n == 4 || i + n >= s.size()) {
            return false;
        }
        for (size_t k = 1; k <= n; k++) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
                return false;
            }
        }
        i += n + 1;
    }
    return true;
}

/// Appends s as a JSON string; throws Untransferable unless it is UTF-8 (the verifier reads JSON as UTF-8).
inline void write_string(std::string& out, const std::string& s) {
    if (!valid_utf8(s)) {
        throw Untransferable("a string that is not valid UTF-8");
    }
    out += '"';
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char escape[8];
                    std::snprintf(escape, sizeof escape, "\\u%04x", c);
                    out += escape;
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
}

}  // namespace verifier_fs
