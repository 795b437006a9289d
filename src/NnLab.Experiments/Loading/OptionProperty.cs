using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace NnLab.Experiments.Loading;

/// <summary>One settable property of an options class, as the YAML sees it.</summary>
internal sealed class OptionProperty
{
    public OptionProperty(PropertyInfo property)
    {
        Property = property;
        Key = SnakeCase.From(property.Name);
        var attributes = property.GetCustomAttributes<ValidationAttribute>(inherit: true).ToList();
        IsRequired = attributes.OfType<RequiredAttribute>().Any();
        Range = attributes.OfType<RangeAttribute>().FirstOrDefault();
        OtherValidations = attributes.Where(a => a is not RequiredAttribute and not RangeAttribute).ToList();
    }

    public PropertyInfo Property { get; }

    /// <summary>The YAML key: snake_case of the property name.</summary>
    public string Key { get; }

    public Type Type => Property.PropertyType;
    public bool IsRequired { get; }
    public RangeAttribute? Range { get; }

    /// <summary>Any further DataAnnotations a plugin author put on the property; checked with their own messages.</summary>
    public IReadOnlyList<ValidationAttribute> OtherValidations { get; }

    public object? GetValue(object options) => Property.GetValue(options);
}
