// Conversions between JSON and the standard C++ types for the C++ function server (cpp_function_server.hpp):
// Codec<T>::read turns a JSON value into a T, naming where a mismatch is; Codec<T>::write appends T as JSON.
#pragma once
#include "cpp_function_json.hpp"

namespace verifier_fs {

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

}  // namespace verifier_fs
