using Verifier.Service.Limits;

namespace Verifier.Service.Pipeline;

/// <summary>
/// Checks a parsed request before any work starts; each error names its field. An endpoint whose request type has
/// no validator registered only gets the parse check.
/// </summary>
internal interface IRequestValidator<in TRequest>
{
    ValidationErrors Validate(TRequest? request);
}
