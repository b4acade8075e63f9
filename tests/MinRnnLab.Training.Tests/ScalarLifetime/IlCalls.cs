using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace MinRnnLab.Training.Tests.ScalarLifetime;

/// <summary>One method of an assembly: who it is, its declaring type's base type, and the methods its IL calls.</summary>
/// <param name="Name">"Namespace.Type::Method(ParameterTypes):ReturnType", the same form as each callee's.</param>
public sealed record IlMethod(string Type, string BaseType, string Name, IReadOnlyList<string> Callees);

/// <summary>
/// Reads which methods each method of an assembly calls (call, callvirt, newobj, ldftn), straight from its IL, with
/// System.Reflection.Metadata. A callee is named by its declaring type (generic arguments dropped) and signature, so
/// a call from one assembly and the definition in another get the same name.
/// </summary>
public static class IlCalls
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields()
        .Select(field => (OpCode)field.GetValue(null)!).ToDictionary(code => code.Value);

    public static IReadOnlyList<IlMethod> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var methods = new List<IlMethod>();
        foreach (var typeHandle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(typeHandle);
            var baseType = type.BaseType.IsNil ? "" : TypeName(md, type.BaseType);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                var callees = method.RelativeVirtualAddress == 0
                    ? []
                    : Callees(md, pe.GetMethodBody(method.RelativeVirtualAddress)).ToList();
                methods.Add(new IlMethod(TypeName(md, typeHandle), baseType, MethodName(md, methodHandle)!, callees));
            }
        }
        return methods;
    }

    private static IEnumerable<string> Callees(MetadataReader md, MethodBodyBlock body)
    {
        var il = body.GetILReader();
        var callees = new List<string>();
        while (il.RemainingBytes > 0)
        {
            int first = il.ReadByte();
            var code = OpCodesByValue[(short)(first == 0xFE ? 0xFE00 | il.ReadByte() : first)];
            switch (code.OperandType)
            {
                case OperandType.InlineMethod:
                    if (MethodName(md, MetadataTokens.EntityHandle(il.ReadInt32())) is { } name)
                        callees.Add(name);
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32();
                    il.Offset += targets * 4;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                default:
                    il.Offset += 4;
                    break;
            }
        }
        return callees;
    }

    private static string? MethodName(MetadataReader md, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
                var definition = md.GetMethodDefinition((MethodDefinitionHandle)handle);
                return $"{TypeName(md, definition.GetDeclaringType())}::{md.GetString(definition.Name)}{Signature(md, definition.Signature)}";
            case HandleKind.MemberReference:
                var reference = md.GetMemberReference((MemberReferenceHandle)handle);
                return reference.GetKind() == MemberReferenceKind.Method
                    ? $"{TypeName(md, reference.Parent)}::{md.GetString(reference.Name)}{Signature(md, reference.Signature)}"
                    : null;
            case HandleKind.MethodSpecification:
                return MethodName(md, md.GetMethodSpecification((MethodSpecificationHandle)handle).Method);
            default:
                return null;
        }
    }

    private static string Signature(MetadataReader md, BlobHandle blob)
    {
        var reader = md.GetBlobReader(blob);
        var signature = new SignatureDecoder<string, object?>(TypeNames.Instance, md, null).DecodeMethodSignature(ref reader);
        return $"({string.Join(",", signature.ParameterTypes)}):{signature.ReturnType}";
    }

    private static string TypeName(MetadataReader md, EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => TypeNames.Instance.GetTypeFromDefinition(md, (TypeDefinitionHandle)handle, 0),
        HandleKind.TypeReference => TypeNames.Instance.GetTypeFromReference(md, (TypeReferenceHandle)handle, 0),
        HandleKind.TypeSpecification => WithoutGenericArguments(
            md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(TypeNames.Instance, null)),
        _ => "?",
    };

    private static string WithoutGenericArguments(string name) => name.IndexOf('<') is var at and >= 0 ? name[..at] : name;

    private sealed class TypeNames : ISignatureTypeProvider<string, object?>
    {
        public static readonly TypeNames Instance = new();

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
            $"{genericType}<{string.Join(",", typeArguments)}>";
        public string GetGenericMethodParameter(object? context, int index) => "!!" + index;
        public string GetGenericTypeParameter(object? context, int index) => "!" + index;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetPinnedType(string elementType) => elementType;
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, context);

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            var type = reader.GetTypeDefinition(handle);
            return type.GetDeclaringType().IsNil
                ? $"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}"
                : $"{GetTypeFromDefinition(reader, type.GetDeclaringType(), 0)}+{reader.GetString(type.Name)}";
        }

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var type = reader.GetTypeReference(handle);
            return type.ResolutionScope.Kind == HandleKind.TypeReference
                ? $"{GetTypeFromReference(reader, (TypeReferenceHandle)type.ResolutionScope, 0)}+{reader.GetString(type.Name)}"
                : $"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}";
        }
    }
}
