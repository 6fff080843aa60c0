using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace FullscriptPortal.Connections;

/// <summary>The people grid's pages as compiled queries, one per shape (the viewer's scope and the query's filters and
/// sort), with <see cref="PeopleQueryValues"/> as their parameters. A page composed afresh costs EF Core more than its
/// SQL: building the expression tree, then hashing and comparing it against its query cache. A compiled page skips
/// both, so a first page costs about what its SQL costs.</summary>
/// <param name="capacity">How many shapes are kept compiled; shapes past it are composed on each call (EF Core's own
/// bounded cache then applies), so no sequence of filters can grow this without bound.</param>
public sealed class CompiledPeoplePages(int capacity = 200)
{
    private readonly ConcurrentDictionary<(ViewerScope, PeopleQuery), Func<PortalDbContext, int, string?, DateTimeOffset, DateTimeOffset,
        ConnectionState, int, int, IAsyncEnumerable<PersonRow>>> _pages = new();

    /// <summary>The rows of <paramref name="compose"/>'s query for these values. <paramref name="compose"/> must choose
    /// its shape from <paramref name="scope"/>, <paramref name="query"/> (its page only as first or not) and whether
    /// <see cref="PeopleQueryValues.Pattern"/> is set, and read every other value from the <see cref="PeopleQueryValues"/>
    /// it is given: it runs once per shape, and later calls of that shape only pass their values.</summary>
    public IAsyncEnumerable<PersonRow> ReadAsync(PortalDbContext db, ViewerScope scope, PeopleQuery query, PeopleQueryValues values,
        Func<PortalDbContext, PeopleQueryValues, IQueryable<PersonRow>> compose)
    {
        // Paging and the search's words are values; everything else in a query (and any field added later) is shape, and
        // so is whether this is the first page.
        var shape = query with { Search = values.Pattern is null ? null : "", Page = Math.Min(Math.Max(query.Page, 0), 1), PageSize = 0 };
        if (!_pages.TryGetValue((scope, shape), out var page))
        {
            if (_pages.Count >= capacity) return compose(db, values).AsAsyncEnumerable();
            page = _pages.GetOrAdd((scope, shape), _ => Compile(compose(db, values)));
        }
        return page(db, values.ClinicId, values.Pattern, values.Now, values.Soon, values.State, values.Skip, values.Take);
    }

    /// <summary>Skip then Take, as reads of <paramref name="values"/> rather than the numbers themselves: Queryable's own
    /// Skip(int) would write this page's numbers into the expression, and a compiled page would keep them.</summary>
    public static IQueryable<T> Paged<T>(IQueryable<T> source, PeopleQueryValues values)
    {
        var read = Expression.Constant(values);
        var skipped = source.Provider.CreateQuery<T>(Expression.Call(null, SkipMethod.MakeGenericMethod(typeof(T)), source.Expression,
            Expression.Property(read, nameof(PeopleQueryValues.Skip))));
        return skipped.Provider.CreateQuery<T>(Expression.Call(null, TakeMethod.MakeGenericMethod(typeof(T)), skipped.Expression,
            Expression.Property(read, nameof(PeopleQueryValues.Take))));
    }

    private static readonly System.Reflection.MethodInfo SkipMethod = new Func<IQueryable<object>, int, IQueryable<object>>(Queryable.Skip).Method.GetGenericMethodDefinition();
    private static readonly System.Reflection.MethodInfo TakeMethod = new Func<IQueryable<object>, int, IQueryable<object>>(Queryable.Take).Method.GetGenericMethodDefinition();

    private static Func<PortalDbContext, int, string?, DateTimeOffset, DateTimeOffset, ConnectionState, int, int, IAsyncEnumerable<PersonRow>> Compile(
        IQueryable<PersonRow> composed)
    {
        var db = Expression.Parameter(typeof(PortalDbContext), "db");
        ParameterExpression[] values =
        [
            Expression.Parameter(typeof(int), nameof(PeopleQueryValues.ClinicId)),
            Expression.Parameter(typeof(string), nameof(PeopleQueryValues.Pattern)),
            Expression.Parameter(typeof(DateTimeOffset), nameof(PeopleQueryValues.Now)),
            Expression.Parameter(typeof(DateTimeOffset), nameof(PeopleQueryValues.Soon)),
            Expression.Parameter(typeof(ConnectionState), nameof(PeopleQueryValues.State)),
            Expression.Parameter(typeof(int), nameof(PeopleQueryValues.Skip)),
            Expression.Parameter(typeof(int), nameof(PeopleQueryValues.Take)),
        ];
        var body = new Parameterizer(db, values).Visit(composed.Expression);
        CapturedValueFinder.ThrowIfAny(body);
        return EF.CompileAsyncQuery(Expression.Lambda<Func<PortalDbContext, int, string?, DateTimeOffset, DateTimeOffset, ConnectionState, int, int,
            IQueryable<PersonRow>>>(body, [db, .. values]));
    }

    /// <summary>Turns the composed query into the compiled query's body: each read of a <see cref="PeopleQueryValues"/>
    /// member becomes the parameter of that name, and the context it was composed on (its tables, and the context a
    /// subquery captured) becomes the compiled query's context parameter.</summary>
    private sealed class Parameterizer(ParameterExpression db, ParameterExpression[] values) : ExpressionVisitor
    {
        private static readonly System.Reflection.MethodInfo Set = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression?.Type == typeof(PeopleQueryValues)) return values.Single(v => v.Name == node.Member.Name);
            if (typeof(PortalDbContext).IsAssignableFrom(node.Type) && node.Expression is ConstantExpression) return db;
            return base.VisitMember(node);
        }

        protected override Expression VisitExtension(Expression node) => node is EntityQueryRootExpression root
            ? Expression.Call(db, Set.MakeGenericMethod(root.ElementType))
            : base.VisitExtension(node);
    }

    /// <summary>A value captured from the composing code other than through <see cref="PeopleQueryValues"/> would be
    /// frozen into the compiled query at its first use (another clinic's id, an old clock): refuse to compile it.</summary>
    private sealed class CapturedValueFinder : ExpressionVisitor
    {
        public static void ThrowIfAny(Expression body) => new CapturedValueFinder().Visit(body);

        protected override Expression VisitConstant(ConstantExpression node)
        {
            if (node.Value?.GetType() is { } type && (type.IsDefined(typeof(CompilerGeneratedAttribute), false) || node.Value is PeopleQueryValues or DbContext or IQueryable))
                throw new InvalidOperationException($"A people page captures a value of {type} outside {nameof(PeopleQueryValues)}; read it from there.");
            return base.VisitConstant(node);
        }

        protected override Expression VisitExtension(Expression node) => node is QueryRootExpression
            ? throw new InvalidOperationException("A people page reads a table outside the compiled query's context.")
            : base.VisitExtension(node);
    }
}
