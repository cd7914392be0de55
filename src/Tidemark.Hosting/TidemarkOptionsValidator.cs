using Microsoft.Extensions.Options;

namespace Tidemark.Hosting;

/// <summary>Source-generated checks of the data annotations on <see cref="TidemarkOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class TidemarkOptionsValidator : IValidateOptions<TidemarkOptions>
{
}
