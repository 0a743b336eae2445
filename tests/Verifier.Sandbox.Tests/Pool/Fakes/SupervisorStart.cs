namespace Verifier.Sandbox.Tests.Pool.Fakes;

/// <summary>What a fake container's supervisor does when the container starts.</summary>
public enum SupervisorStart
{
    /// <summary>Says it is ready, as a healthy one does.</summary>
    Ready,

    /// <summary>Says nothing at all (hung, or the image has no working python3).</summary>
    Silent,

    /// <summary>Speaks, but not the ready frame of protocol 1 (a stale image).</summary>
    WrongFirstFrame,

    /// <summary>Exits at once.</summary>
    Exits,
}
