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
#pragma once
#include "cpp_function_codecs.hpp"
#include "cpp_function_json.hpp"

namespace verifier_fs {

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
