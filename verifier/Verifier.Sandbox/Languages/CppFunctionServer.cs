using System.Text;

namespace Verifier.Sandbox.Languages;

/// <summary>
/// The translation unit of a C++ <c>function</c> submission: the function server (<c>Harness/cpp_function_server.hpp</c>),
/// then the candidate's code, then the binding of the entry point, whose types the server deduces from its pointer.
/// </summary>
/// <remarks>
/// What an entry point resolves to: <c>Class.method</c> is <c>&amp;Class::method</c> (a member function runs on a fresh
/// default-constructed instance per call, a static one is called directly); a bare <c>name</c> is the free function
/// <c>::name</c> when the code declares one, otherwise the method <c>Solution::name</c> (the LeetCode shape). Overloaded
/// names and function templates do not resolve, and any failure is the compiler's error naming the entry point.
/// </remarks>
internal static class CppFunctionServer
{
    public const string Header = "cpp_function_server.hpp";
    public const string Source = "server.cpp";
    public const string Candidate = "candidate.cpp";

    /// <param name="entryPoint">Validated by the request (<c>name</c> or <c>Class.name</c>, identifiers only).</param>
    public static string TranslationUnit(string entryPoint)
    {
        var source = new StringBuilder()
            // First, so the image's precompiled <bits/stdc++.h> applies.
            .Append("#include <bits/stdc++.h>\n")
            .Append($"#include \"{Header}\"\n")
            .Append("using namespace std;\n")
            // The candidate may keep a main() of its own (local testing); the server's is the one that runs.
            .Append("#define main verifier_candidate_main\n")
            .Append($"#include \"{Candidate}\"\n")
            .Append("#undef main\n");
        var dot = entryPoint.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            source.Append($"signed main() {{ return ::verifier_fs::serve(\"{entryPoint}\", &::{entryPoint[..dot]}::{entryPoint[(dot + 1)..]}); }}\n");
            return source.ToString();
        }

        // A class declared with the entry point's name is hidden by a function of that name, so ::name is the
        // function when there is one and this placeholder type otherwise, which selects Solution's method instead.
        return source
            .Append($"struct {entryPoint};\nstruct Solution;\n")
            .Append("namespace verifier_fs_entry {\n")
            .Append("template <class S, class = void>\nstruct HasEntry : std::false_type {};\n")
            .Append($"template <class S>\nstruct HasEntry<S, std::void_t<decltype(&S::{entryPoint})>> : std::true_type {{}};\n")
            .Append("template <class NoFunction, class S = ::Solution>\nconstexpr auto pick() {\n")
            .Append($"    static_assert(HasEntry<S>::value, \"the entry point {entryPoint} is neither a function nor a method of a class Solution (overloads and templates do not resolve)\");\n")
            .Append($"    return &S::{entryPoint};\n}}\n")
            .Append("template <auto F>\nconstexpr auto pick() { return F; }\n")
            .Append("}  // namespace verifier_fs_entry\n")
            .Append($"signed main() {{ return ::verifier_fs::serve(\"{entryPoint}\", ::verifier_fs_entry::pick<::{entryPoint}>()); }}\n")
            .ToString();
    }
}
