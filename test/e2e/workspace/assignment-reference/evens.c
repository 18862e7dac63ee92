#include <stdio.h>

/* Reads n and then n numbers; prints how many of them are even. */
int main(void)
{
    int n, x, i, evens = 0;
    scanf("%d", &n);
    for (i = 0; i < n; i++) {
        scanf("%d", &x);
        if (x % 2 == 0) {
        }
    }
    printf("%d\n", evens);
    return 0;
}
