namespace Verifier.Service.Compat.OpenRlhf;

/// <summary>The model's response inside an OpenRLHF query: the query after its prompt, without the stop tokens it ends with.</summary>
internal static class ResponseText
{
    /// <summary>
    /// The text after <paramref name="prompt"/>: OpenRLHF decodes the whole sequence again, so the prompt is normally
    /// the query's start, but a tokenizer may put a BOS token or two in front; then the text after the prompt's first
    /// occurrence. Null when the query does not contain its prompt (an error in the request, not the model's).
    /// </summary>
    public static string? Of(string query, string? prompt, IReadOnlyList<string> stopTokens)
    {
        string response;
        if (string.IsNullOrEmpty(prompt))
        {
            response = query;
        }
        else
        {
            var at = query.IndexOf(prompt, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            response = query[(at + prompt.Length)..];
        }

        return WithoutStopTokens(response, stopTokens);
    }

    private static string WithoutStopTokens(string response, IReadOnlyList<string> stopTokens)
    {
        var end = response.Length;
        for (var cut = true; cut;)
        {
            cut = false;
            var trimmed = response.AsSpan(0, end).TrimEnd();
            foreach (var token in stopTokens)
            {
                if (token.Length > 0 && trimmed.EndsWith(token, StringComparison.Ordinal))
                {
                    end = trimmed.Length - token.Length;
                    cut = true;
                    break;
                }
            }
        }

        return response[..end];
    }
}
