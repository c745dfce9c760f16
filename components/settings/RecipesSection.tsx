/** Settings → Recipes: user-described helpdesks. */
export function RecipesSection() {
  return null;
}
