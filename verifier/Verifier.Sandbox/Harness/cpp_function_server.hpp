// The C++ function server, the twin of python_server.py and the C# FunctionServer: length-prefixed JSON requests on
// fd 3 ({"op":"call","entry":..,"args":[..]}), answers on fd 4 ({"ok":true,"value":"<json>"}, or ok:false with kind
// "raised" or "untransferable"). The verifier compares the returned JSON outside the sandbox, so nothing the
// candidate does in this process can make a wrong value pass.
//
// The entry point's parameter and return types are deduced at compile time from its pointer (a free function, a static
// member, or a member function called on a fresh default-constructed instance), the JSON arguments converted to
// them exactly (integers range-checked, never through a double) and the return value written as JSON.
//
// Included before the candidate's code, which therefore sees <bits/stdc++.h> and `using namespace std` as on
// LeetCode; macros the candidate defines cannot reach this header's text.
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

// ------------------------------------------------------------------------------------------------ type conversions
template <class T, class = void>
struct Codec {
    static_assert(sizeof(T) == 0,
                  "the entry point takes or returns a type the C++ function server cannot convert from/to JSON "
                  "(supported: bool, char, integers, floating point, std::string, vector, array, deque, list, set, "
                  "unordered_set, map and unordered_map with string or integer keys, pair, tuple, optional)");
};

template <class T>
[[noreturn]] void mismatch(const Json& json, const std::string& where) {
    static const char* const kinds[] = {"null", "a boolean", "a number", "a string", "an array", "an object"};
    throw ArgumentError(where + ": expected " + type_name<T>() + ", got " + kinds[json.kind] +
                        (json.kind == Json::Number ? " " + json.text : ""));
}

template <>
struct Codec<bool> {
    static bool read(const Json& json, const std::string& where) {
        if (json.kind != Json::Bool) {
            mismatch<bool>(json, where);
        }
        return json.boolean;
    }
    static void write(std::string& out, bool value) { out += value ? "true" : "false"; }
};

/// char is a character: a one-character JSON string (signed char and unsigned char are small integers).
template <>
struct Codec<char> {
    static char read(const Json& json, const std::string& where) {
        if (json.kind != Json::String || json.text.size() != 1) {
            throw ArgumentError(where + ": expected a one-character string for char");
        }
        return json.text[0];
    }
    static void write(std::string& out, char value) { write_string(out, std::string(1, value)); }
};

template <class T>
struct Codec<T, std::enable_if_t<std::is_integral_v<T> && sizeof(T) <= 8 && !std::is_same_v<T, bool> && !std::is_same_v<T, char>>> {
    /// Exact: only an integer token, checked against T's range digit by digit (no double on the way).
    static T read(const Json& json, const std::string& where) {
        const std::string& t = json.text;
        bool negative = !t.empty() && t[0] == '-';
        if (json.kind != Json::Number || t.find_first_of(".eE") != std::string::npos) {
            throw ArgumentError(where + ": expected an integer for " + type_name<T>() + ", got " +
                                (json.kind == Json::Number ? t : std::string("a non-number")));
        }
        unsigned __int128 magnitude = 0;
        for (size_t i = negative ? 1 : 0; i < t.size(); i++) {
            magnitude = magnitude * 10 + static_cast<unsigned>(t[i] - '0');
            if (magnitude > (static_cast<unsigned __int128>(1) << 64)) {
                break;
            }
        }
        const unsigned __int128 max = static_cast<unsigned __int128>(std::numeric_limits<T>::max());
        const unsigned __int128 min_magnitude = std::is_signed_v<T> ? max + 1 : 0;
        if (negative ? magnitude > min_magnitude : magnitude > max) {
            throw ArgumentError(where + ": " + t + " is out of range for " + type_name<T>() + " [" +
                                std::to_string(std::numeric_limits<T>::min()) + ", " +
                                std::to_string(std::numeric_limits<T>::max()) + "]");
        }
        if (negative) {
            return static_cast<T>(-static_cast<__int128>(magnitude));
        }
        return static_cast<T>(magnitude);
    }
    static void write(std::string& out, T value) {
        if constexpr (std::is_signed_v<T>) {
            out += std::to_string(static_cast<long long>(value));
        } else {
            out += std::to_string(static_cast<unsigned long long>(value));
        }
    }
};

template <class T>
struct Codec<T, std::enable_if_t<std::is_floating_point_v<T>>> {
    static T read(const Json& json, const std::string& where) {
        if (json.kind != Json::Number) {
            mismatch<T>(json, where);
        }
        // Each width parses the decimal itself: one rounding, never a long double rounded again.
        if constexpr (std::is_same_v<T, float>) {
            return std::strtof(json.text.c_str(), nullptr);
        } else if constexpr (std::is_same_v<T, double>) {
            return std::strtod(json.text.c_str(), nullptr);
        } else {
            return std::strtold(json.text.c_str(), nullptr);
        }
    }
    /// Round-trip exact (%.17g for double, %.9g for float); NaN and infinities have no JSON form.
    static void write(std::string& out, T value) {
        if (!std::isfinite(value)) {
            throw Untransferable(std::isnan(value) ? "NaN" : "an infinite number");
        }
        char text[64];
        std::snprintf(text, sizeof text, std::is_same_v<T, float> ? "%.9g" : "%.17g", static_cast<double>(value));
        out += text;
    }
};

template <>
struct Codec<std::string> {
    static std::string read(const Json& json, const std::string& where) {
        if (json.kind != Json::String) {
            mismatch<std::string>(json, where);
        }
        return json.text;
    }
    static void write(std::string& out, const std::string& value) { write_string(out, value); }
};

template <class T>
struct Codec<std::optional<T>> {
    static std::optional<T> read(const Json& json, const std::string& where) {
        if (json.kind == Json::Null) {
            return std::nullopt;
        }
        return Codec<T>::read(json, where);
    }
    static void write(std::string& out, const std::optional<T>& value) {
        if (value) {
            Codec<T>::write(out, *value);
        } else {
            out += "null";
        }
    }
};

template <class Container>
void write_sequence(std::string& out, const Container& items) {
    using Item = std::decay_t<decltype(*std::begin(items))>;
    out += '[';
    bool first = true;
    for (const auto& item : items) {
        if (!first) {
            out += ',';
        }
        first = false;
        Codec<Item>::write(out, item);
    }
    out += ']';
}

inline const Json& expect_array(const Json& json, const std::string& where, const std::string& type) {
    if (json.kind != Json::Array) {
        throw ArgumentError(where + ": expected an array for " + type);
    }
    return json;
}

template <class C, class = void>
struct HasPushBack : std::false_type {};
template <class C>
struct HasPushBack<C, std::void_t<decltype(std::declval<C&>().push_back(std::declval<typename C::value_type>()))>> : std::true_type {};

/// Sequences read from a JSON array by appending (vector, deque, list) or inserting (sets).
template <class C>
struct SequenceCodec {
    using Item = typename C::value_type;
    static C read(const Json& json, const std::string& where) {
        C result;
        const auto& items = expect_array(json, where, type_name<C>()).items;
        for (size_t i = 0; i < items.size(); i++) {
            auto item = Codec<Item>::read(items[i], where + "[" + std::to_string(i) + "]");
            if constexpr (HasPushBack<C>::value) {
                result.push_back(std::move(item));
            } else {
                result.insert(std::move(item));
            }
        }
        return result;
    }
    static void write(std::string& out, const C& value) { write_sequence(out, value); }
};

template <class T, class A>
struct Codec<std::vector<T, A>> : SequenceCodec<std::vector<T, A>> {};
template <class T, class A>
struct Codec<std::deque<T, A>> : SequenceCodec<std::deque<T, A>> {};
template <class T, class A>
struct Codec<std::list<T, A>> : SequenceCodec<std::list<T, A>> {};
template <class T, class C, class A>
struct Codec<std::set<T, C, A>> : SequenceCodec<std::set<T, C, A>> {};
template <class T, class C, class A>
struct Codec<std::multiset<T, C, A>> : SequenceCodec<std::multiset<T, C, A>> {};

/// Unordered sets are written sorted where the elements are ordered, so equal sets give equal JSON.
template <class C>
struct UnorderedSetCodec : SequenceCodec<C> {
    static void write(std::string& out, const C& value) {
        using Item = typename C::value_type;
        std::vector<Item> sorted(value.begin(), value.end());
        if constexpr (std::is_invocable_v<std::less<>, const Item&, const Item&>) {
            std::sort(sorted.begin(), sorted.end());
        }
        write_sequence(out, sorted);
    }
};

template <class T, class H, class E, class A>
struct Codec<std::unordered_set<T, H, E, A>> : UnorderedSetCodec<std::unordered_set<T, H, E, A>> {};
template <class T, class H, class E, class A>
struct Codec<std::unordered_multiset<T, H, E, A>> : UnorderedSetCodec<std::unordered_multiset<T, H, E, A>> {};

template <class T, size_t N>
struct Codec<std::array<T, N>> {
    static std::array<T, N> read(const Json& json, const std::string& where) {
        const auto& items = expect_array(json, where, type_name<std::array<T, N>>()).items;
        if (items.size() != N) {
            throw ArgumentError(where + ": expected " + std::to_string(N) + " elements, got " + std::to_string(items.size()));
        }
        std::array<T, N> result{};
        for (size_t i = 0; i < N; i++) {
            result[i] = Codec<T>::read(items[i], where + "[" + std::to_string(i) + "]");
        }
        return result;
    }
    static void write(std::string& out, const std::array<T, N>& value) { write_sequence(out, value); }
};

template <class... T>
struct Codec<std::tuple<T...>> {
    static std::tuple<T...> read(const Json& json, const std::string& where) {
        const auto& items = expect_array(json, where, type_name<std::tuple<T...>>()).items;
        if (items.size() != sizeof...(T)) {
            throw ArgumentError(where + ": expected " + std::to_string(sizeof...(T)) + " elements, got " + std::to_string(items.size()));
        }
        return read_items(items, where, std::index_sequence_for<T...>{});
    }
    template <size_t... I>
    static std::tuple<T...> read_items(const std::vector<Json>& items, const std::string& where, std::index_sequence<I...>) {
        return std::tuple<T...>{Codec<T>::read(items[I], where + "[" + std::to_string(I) + "]")...};
    }
    static void write(std::string& out, const std::tuple<T...>& value) {
        out += '[';
        std::apply([&](const auto&... item) {
            size_t i = 0;
            ((out += (i++ == 0 ? "" : ","), Codec<std::decay_t<decltype(item)>>::write(out, item)), ...);
        }, value);
        out += ']';
    }
};

template <class A, class B>
struct Codec<std::pair<A, B>> {
    static std::pair<A, B> read(const Json& json, const std::string& where) {
        auto both = Codec<std::tuple<A, B>>::read(json, where);
        return {std::move(std::get<0>(both)), std::move(std::get<1>(both))};
    }
    static void write(std::string& out, const std::pair<A, B>& value) {
        out += '[';
        Codec<A>::write(out, value.first);
        out += ',';
        Codec<B>::write(out, value.second);
        out += ']';
    }
};

/// Maps are JSON objects; a key is a string, a one-character string (char) or an integer written in decimal (as
/// Python's json writes {1: 2} as {"1": 2}).
template <class M>
struct MapCodec {
    using Key = typename M::key_type;
    using Value = typename M::mapped_type;
    static_assert(std::is_same_v<Key, std::string> || std::is_integral_v<Key>,
                  "map keys must be std::string, char or an integer type to cross as a JSON object");

    static M read(const Json& json, const std::string& where) {
        if (json.kind != Json::Object) {
            throw ArgumentError(where + ": expected an object for " + type_name<M>());
        }
        M result;
        for (const auto& [name, value] : json.members) {
            std::string at = where + "[\"" + name + "\"]";
            Json key;
            key.kind = std::is_same_v<Key, std::string> || std::is_same_v<Key, char> ? Json::String : Json::Number;
            key.text = name;
            if (key.kind == Json::Number && (name.empty() || name.find_first_not_of("-0123456789") != std::string::npos)) {
                throw ArgumentError(at + ": the key is not an integer for " + type_name<Key>());
            }
            result.emplace(Codec<Key>::read(key, at), Codec<Value>::read(value, at));
        }
        return result;
    }

    static void write(std::string& out, const M& value) {
        out += '{';
        bool first = true;
        for (const auto& [key, item] : value) {
            if (!first) {
                out += ',';
            }
            first = false;
            if constexpr (std::is_same_v<Key, std::string> || std::is_same_v<Key, char>) {
                Codec<Key>::write(out, key);
            } else {
                out += '"';
                Codec<Key>::write(out, key);
                out += '"';
            }
            out += ':';
            Codec<Value>::write(out, item);
        }
        out += '}';
    }
};

template <class K, class V, class C, class A>
struct Codec<std::map<K, V, C, A>> : MapCodec<std::map<K, V, C, A>> {};
template <class K, class V, class H, class E, class A>
struct Codec<std::unordered_map<K, V, H, E, A>> : MapCodec<std::unordered_map<K, V, H, E, A>> {};

// -------------------------------------------------------------------------------------------------- calling the entry
/// Converts the arguments to the parameters' types, calls, and writes the result as JSON ("null" for void).
template <class R, class... P>
struct Call {
    template <class Invoke>
    static std::string run(const Json& args, Invoke&& invoke) {
        if (args.kind != Json::Array) {
            throw ArgumentError("args: expected an array of arguments");
        }
        if (args.items.size() != sizeof...(P)) {
            throw ArgumentError("the entry point takes " + std::to_string(sizeof...(P)) + " argument(s), the test gives " +
                                std::to_string(args.items.size()));
        }
        return run(args, invoke, std::index_sequence_for<P...>{});
    }

    template <class Invoke, size_t... I>
    static std::string run(const Json& args, Invoke& invoke, std::index_sequence<I...>) {
        // Braced initialisation converts left to right; the values live here, so reference parameters bind to them.
        std::tuple<std::decay_t<P>...> values{
            Codec<std::decay_t<P>>::read(args.items[I], "argument " + std::to_string(I + 1))...};
        std::string out;
        if constexpr (std::is_void_v<R>) {
            invoke(static_cast<P&&>(std::get<I>(values))...);
            out = "null";
        } else {
            // The result is held by value first: a returned reference may point into the arguments.
            std::decay_t<R> result = invoke(static_cast<P&&>(std::get<I>(values))...);
            Codec<std::decay_t<R>>::write(out, result);
        }
        return out;
    }
};

template <class F>
struct Entry;

template <class R, class... P>
struct Entry<R (*)(P...)> {
    static std::string call(R (*f)(P...), const Json& args) {
        return Call<R, P...>::run(args, [f](auto&&... a) -> R { return f(static_cast<decltype(a)&&>(a)...); });
    }
};

template <class R, class... P>
struct Entry<R (*)(P...) noexcept> : Entry<R (*)(P...)> {
    static std::string call(R (*f)(P...) noexcept, const Json& args) { return Entry<R (*)(P...)>::call(f, args); }
};

/// A member function runs on a fresh instance per call (the LeetCode shape), on the heap: solutions keep large arrays.
template <class C, class R, class... P>
struct MemberEntry {
    template <class M>
    static std::string call(M method, const Json& args) {
        static_assert(std::is_default_constructible_v<C>, "the entry point's class must be default-constructible");
        std::unique_ptr<C> instance(new C());
        return Call<R, P...>::run(args, [&](auto&&... a) -> R { return ((*instance).*method)(static_cast<decltype(a)&&>(a)...); });
    }
};

template <class C, class R, class... P>
struct Entry<R (C::*)(P...)> : MemberEntry<C, R, P...> {};
template <class C, class R, class... P>
struct Entry<R (C::*)(P...) const> : MemberEntry<C, R, P...> {};
template <class C, class R, class... P>
struct Entry<R (C::*)(P...) noexcept> : MemberEntry<C, R, P...> {};
template <class C, class R, class... P>
struct Entry<R (C::*)(P...) const noexcept> : MemberEntry<C, R, P...> {};

template <class T, class = void>
struct IsComplete : std::false_type {};
template <class T>
struct IsComplete<T, std::void_t<decltype(sizeof(T))>> : std::true_type {};

// ------------------------------------------------------------------------------------------------------- the frames
inline bool read_exactly(std::FILE* stream, char* buffer, size_t size) {
    return std::fread(buffer, 1, size, stream) == size;
}

inline void write_frame(std::FILE* stream, const std::string& body) {
    uint32_t size = static_cast<uint32_t>(body.size());
    const char header[4] = {static_cast<char>(size >> 24), static_cast<char>(size >> 16), static_cast<char>(size >> 8),
                            static_cast<char>(size)};
    if (std::fwrite(header, 1, 4, stream) != 4 || std::fwrite(body.data(), 1, body.size(), stream) != body.size() ||
        std::fflush(stream) != 0) {
        std::_Exit(1);  // the supervisor is gone
    }
}

inline std::string clip(const std::string& text, size_t bytes) {
    if (text.size() <= bytes) {
        return text;
    }
    size_t end = bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        end--;  // never cut a UTF-8 sequence in two
    }
    return text.substr(0, end);
}

/// A message from the candidate (what()) may hold any bytes: invalid UTF-8 is replaced, so the frame stays JSON.
inline std::string printable(const std::string& text) {
    if (valid_utf8(text)) {
        return text;
    }
    std::string out;
    for (char c : text) {
        out += static_cast<unsigned char>(c) < 0x80 ? c : '?';
    }
    return out;
}

inline std::string raised(const std::string& type, const std::string& message) {
    std::string out = "{\"ok\":false,\"kind\":\"raised\",\"type\":";
    write_string(out, printable(clip(type, 200)));
    out += ",\"message\":";
    write_string(out, printable(clip(message, 2000)));
    out += '}';
    return out;
}

template <class F>
std::string answer(const char* entry, F function, const std::string& body) {
    std::string value;
    try {
        Json request = Parser(body).document();
        const Json* name = request.find("entry");
        if (name == nullptr || name->kind != Json::String || name->text != entry) {
            throw ArgumentError(std::string("this function server was built for the entry point ") + entry);
        }
        const Json* args = request.find("args");
        if (args == nullptr) {
            throw ArgumentError("the request has no args");
        }
        value = Entry<F>::call(function, *args);
    } catch (const ArgumentError& e) {
        return raised("ArgumentError", e.what());
    } catch (const Untransferable& e) {
        std::string out = "{\"ok\":false,\"kind\":\"untransferable\",\"message\":";
        write_string(out, e.what());
        return out + '}';
    } catch (const std::exception& e) {
        return raised(demangle(typeid(e).name()), e.what());
    } catch (...) {
        const std::type_info* thrown = __cxxabiv1::__cxa_current_exception_type();
        return raised(thrown != nullptr ? demangle(thrown->name()) : "unknown exception", "");
    }
    std::string out = "{\"ok\":true,\"value\":";
    write_string(out, value);
    return out + '}';
}

/// The loop: one request frame in, one answer frame out, until the supervisor closes fd 3.
template <class F>
int serve(const char* entry, F function) {
    std::FILE* requests = fdopen(3, "rb");
    std::FILE* answers = fdopen(4, "wb");
    if (requests == nullptr || answers == nullptr) {
        return 1;
    }
    for (;;) {
        char header[4];
        if (!read_exactly(requests, header, sizeof header)) {
            return 0;
        }
        uint32_t size = 0;
        for (char c : header) {
            size = (size << 8) | static_cast<unsigned char>(c);
        }
        std::string body(size, '\0');
        if (!read_exactly(requests, body.data(), size)) {
            return 0;
        }
        std::string reply = answer(entry, function, body);
        // What the candidate printed goes to its own pipe; flushed so a later crash loses none of it.
        std::fflush(stdout);
        std::cout.flush();
        write_frame(answers, reply);
    }
}

}  // namespace verifier_fs
