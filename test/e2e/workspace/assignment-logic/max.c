#include <stdio.h>

/* Reads n and then n numbers; prints the largest. */
int main(void)
{
    int n, i, x, best;
    scanf("%d", &n);
    scanf("%d", &best);
    for (i = 1; i < n; i++) {
        scanf("%d", &x);
        if (x < best)
            best = x;
    }
    printf("%d\n", best);
    return 0;
}
