using System.Buffers.Binary;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace VerifierHarness;

/// <summary>
/// The submission's side of function calls, the C# twin of the Python function server: length-prefixed JSON requests
/// on fd 3, answers on fd 4. Each call resolves the entry point, converts the JSON arguments to the parameters' types,
/// invokes it and answers the JSON of the return value, which the verifier compares outside the sandbox.
/// </summary>
internal static class FunctionServer
{
    private const int RequestFd = 3;
    private const int AnswerFd = 4;
    private const int MessageChars = 2_000;

    public static void Serve()
    {
        using var requests = new FileStream(new SafeFileHandle(RequestFd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
        using var answers = new FileStream(new SafeFileHandle(AnswerFd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
        Assembly? submission = null;
        string? loadError = null;
        try
        {
            submission = Assembly.Load("Submission");
        }
        catch (Exception e)
        {
            loadError = Failure(e);
        }

        var header = new byte[4];
        while (ReadExactly(requests, header))
        {
            var body = new byte[BinaryPrimitives.ReadUInt32BigEndian(header)];
            if (!ReadExactly(requests, body))
            {
                return;
            }

            var answer = loadError ?? Call(submission!, body);
            Console.Out.Flush();
            var bytes = Encoding.UTF8.GetBytes(answer);
            var frame = new byte[4 + bytes.Length];
            BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)bytes.Length);
            bytes.CopyTo(frame, 4);
            answers.Write(frame);
        }
    }

    private static string Call(Assembly submission, byte[] body)
    {
        object? result;
        try
        {
            using var request = JsonDocument.Parse(body);
            var root = request.RootElement;
            var entry = root.GetProperty("entry").GetString() ?? "";
            var call = EntryPoints.Bind(submission, entry, root.GetProperty("args"));
            result = call.Method.Invoke(call.Target, BindingFlags.DoNotWrapExceptions, binder: null, call.Arguments, culture: null);
        }
        catch (Exception e)
        {
            return Failure(e);
        }

        string value;
        try
        {
            value = JsonResult.Write(result);
        }
        catch (UntransferableException e)
        {
            return Answer(writer =>
            {
                writer.WriteBoolean("ok", false);
                writer.WriteString("kind", "untransferable");
                writer.WriteString("message", Clip(e.Message, 500));
            });
        }

        return Answer(writer =>
        {
            writer.WriteBoolean("ok", true);
            writer.WriteString("value", value);
        });
    }

    private static string Failure(Exception e) => Answer(writer =>
    {
        writer.WriteBoolean("ok", false);
        writer.WriteString("kind", "raised");
        writer.WriteString("type", e.GetType().Name);
        writer.WriteString("message", Clip(e.Message, MessageChars));
    });

    private static string Answer(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Clip(string text, int chars) => text.Length <= chars ? text : text[..chars];

    private static bool ReadExactly(Stream stream, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
